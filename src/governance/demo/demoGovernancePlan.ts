import type { MemberRole, StandingItemSource } from '../../db/tables/governance.ts';

/*
 * The demo's governance, written for the demo (SYNTHETIC, labelled so in every name and text): the CSP Board
 * meeting quarterly, its Serious Violence Duty Delivery Group monthly, and a restricted Exploitation Subgroup.
 * People are the demo users by e-mail (src/demo/demoUsers.ts).
 */

export const DEMO_MANAGER = 'manager@council.demo';

export interface DemoBoard {
  key: 'csp' | 'svd' | 'exploitation';
  name: string;
  kind: 'board' | 'subgroup';
  parent: DemoBoard['key'] | null;
  quorum: number;
  restricted: boolean;
  terms: string;
  chair: string;
  members: { email: string; role: MemberRole; voting: boolean }[];
  standing: { title: string; source: StandingItemSource }[];
  /** Meeting dates ('YYYY-MM-DD'): the Board 18:00–20:00 UK time, subgroups 10:00–12:00. */
  dates: string[];
}

/** The nth weekday (0 Sunday … 6 Saturday) of a month, 'YYYY-MM-DD': boards meet on "the second Tuesday". */
export function nthWeekday(month: string, weekday: number, n: number): string {
  const first = new Date(`${month}-01T00:00:00Z`);
  const day = 1 + ((weekday - first.getUTCDay() + 7) % 7) + (n - 1) * 7;
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** Meeting dates from `from` to `to` (months of 2025) every `step` months, then one in 2026. */
const meetings = (weekday: number, n: number, from: number, to: number, step: number, next: string) => [
  ...Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) =>
    nthWeekday(`2025-${String(from + i * step).padStart(2, '0')}`, weekday, n),
  ),
  nthWeekday(next, weekday, n),
];

export const DEMO_BOARDS: readonly DemoBoard[] = [
  {
    key: 'csp',
    name: 'CSP Board (SYNTHETIC)',
    kind: 'board',
    parent: null,
    quorum: 4,
    restricted: false,
    terms:
      'SYNTHETIC terms of reference written for the demo.\n\nThe Community Safety Partnership Board sets the partnership strategy, holds the delivery groups to account and meets the Serious Violence Duty. It is quorate when four of its statutory agencies are represented by a voting member or a named substitute.',
    chair: 'owner@police.demo',
    members: [
      { email: 'owner@police.demo', role: 'chair', voting: true },
      { email: DEMO_MANAGER, role: 'vice-chair', voting: true },
      { email: 'analyst@health.demo', role: 'member', voting: true },
      { email: 'viewer@probation.demo', role: 'member', voting: true },
      { email: 'analyst@council.demo', role: 'secretariat', voting: false },
    ],
    standing: [
      { title: 'Performance exceptions', source: 'performance-exceptions' },
      { title: 'Action plan items at risk', source: 'plan-items-at-risk' },
      { title: 'Actions arising', source: 'actions-arising' },
      { title: 'Register summary', source: 'register-summary' },
    ],
    dates: meetings(4, 2, 3, 12, 3, '2026-03'),
  },
  {
    key: 'svd',
    name: 'Serious Violence Duty Delivery Group (SYNTHETIC)',
    kind: 'subgroup',
    parent: 'csp',
    quorum: 3,
    restricted: false,
    terms:
      'SYNTHETIC terms of reference written for the demo.\n\nThe delivery group carries out the serious violence strategy and action plan, reports exceptions to the CSP Board and brings it decisions that need the Board.',
    chair: DEMO_MANAGER,
    members: [
      { email: DEMO_MANAGER, role: 'chair', voting: true },
      { email: 'owner@police.demo', role: 'member', voting: true },
      { email: 'analyst@health.demo', role: 'member', voting: true },
      { email: 'viewer@probation.demo', role: 'member', voting: true },
      { email: 'analyst@council.demo', role: 'secretariat', voting: false },
    ],
    standing: [
      { title: 'Performance exceptions', source: 'performance-exceptions' },
      { title: 'Action plan items at risk', source: 'plan-items-at-risk' },
      { title: 'Actions arising', source: 'actions-arising' },
    ],
    dates: meetings(2, 2, 1, 12, 1, '2026-02'),
  },
  {
    key: 'exploitation',
    name: 'Exploitation Subgroup (SYNTHETIC)',
    kind: 'subgroup',
    parent: 'csp',
    quorum: 2,
    restricted: true,
    terms:
      'SYNTHETIC terms of reference written for the demo.\n\nThe subgroup oversees the partnership response to child criminal exploitation and county lines. Its papers are restricted to its members.',
    chair: 'owner@police.demo',
    members: [
      { email: 'owner@police.demo', role: 'chair', voting: true },
      { email: 'analyst@health.demo', role: 'member', voting: true },
      { email: 'analyst@council.demo', role: 'secretariat', voting: false },
    ],
    standing: [{ title: 'Actions arising', source: 'actions-arising' }],
    dates: meetings(3, 3, 2, 11, 3, '2026-02'),
  },
];

/** Decisions and actions by board and meeting month ('csp|2025-03'); actions close at a later meeting or stay open. */
export const DEMO_OUTCOMES: Record<string, { decisions: string[]; actions: DemoAction[] }> = {
  'csp|2025-03': {
    decisions: ['SYNTHETIC: the Board adopts the Serious Violence Strategy 2025–28 and its action plan.'],
    actions: [
      {
        text: 'SYNTHETIC: publish the strategy on the council website',
        owner: DEMO_MANAGER,
        due: '2025-04-30',
        closeAt: '2025-06',
      },
    ],
  },
  'csp|2025-06': {
    decisions: ['SYNTHETIC: the knife crime hot spot escalated by the Delivery Group is a Board priority for 2025/26.'],
    actions: [
      {
        text: 'SYNTHETIC: agree joint funding for the hot spot patrols',
        owner: 'owner@police.demo',
        due: '2025-09-30',
      },
    ],
  },
  'csp|2025-09': {
    decisions: [],
    actions: [
      {
        text: 'SYNTHETIC: report on the domestic abuse referral backlog',
        owner: 'analyst@health.demo',
        due: '2025-11-30',
        closeAt: '2025-12',
        drop: true,
      },
    ],
  },
  'svd|2025-01': {
    decisions: ['SYNTHETIC: the group recommends the Board adopts the draft strategy.'],
    actions: [
      {
        text: 'SYNTHETIC: map youth provision against violence hot spots',
        owner: 'analyst@council.demo',
        due: '2025-03-31',
        closeAt: '2025-04',
      },
    ],
  },
  'svd|2025-03': {
    decisions: [],
    actions: [
      {
        text: 'SYNTHETIC: share A&E assault data monthly under the data sharing agreement',
        owner: 'analyst@health.demo',
        due: '2025-05-31',
      },
    ],
  },
  'svd|2025-05': {
    decisions: ['SYNTHETIC: escalate the rise in knife crime around the town centre to the CSP Board.'],
    actions: [
      {
        text: 'SYNTHETIC: weapons sweep of the three town-centre estates',
        owner: 'owner@police.demo',
        due: '2025-06-30',
        closeAt: '2025-07',
      },
    ],
  },
  'svd|2025-09': {
    decisions: [],
    actions: [
      {
        text: 'SYNTHETIC: refresh the strategic needs assessment profile for 2026',
        owner: 'analyst@council.demo',
        due: '2025-12-31',
      },
    ],
  },
  'svd|2025-11': {
    decisions: [],
    actions: [
      {
        text: 'SYNTHETIC: probation to brief the group on the new approved premises',
        owner: 'viewer@probation.demo',
        due: '2026-02-28',
      },
    ],
  },
  'exploitation|2025-05': {
    decisions: ['SYNTHETIC: adopt the county lines disruption plan.'],
    actions: [
      { text: 'SYNTHETIC: review the return home interview rate', owner: 'analyst@health.demo', due: '2025-08-31' },
    ],
  },
};

export interface DemoAction {
  text: string;
  owner: string;
  due: string;
  /** The month of the later meeting that closes it (complete, or dropped when `drop`); otherwise it stays open. */
  closeAt?: string;
  drop?: boolean;
}
