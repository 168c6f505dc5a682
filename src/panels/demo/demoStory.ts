import type { PanelKind } from '../../db/tables/panels.ts';

/*
 * The demo's story (issue 21), as data: which SYNTHETIC referrals go where and what becomes of them, so the
 * seeding (demoPanels.ts) only writes it down and a test can count it by hand. 25 referrals: 17 to the MASH from
 * screenings (7 triaged to MACE, 3 to the 18–25 panel, 3 to early help, 2 to no further action, 2 still awaiting
 * triage, one of them overdue), 5 straight to MARAC with a DASH score (one a repeat of an earlier MARAC case), 3
 * straight to IOM. 18 cases: MACE 7 (2 closed), MARAC 5 (1 closed), IOM 3 (1 closed), 18–25 3. 40 screenings,
 * 17 of which became the MASH referrals.
 */

export type DemoAgency = 'health' | 'local_authority' | 'police' | 'probation';

export interface StoryReferral {
  /** The panel the referral goes to (triages it). */
  to: 'mash' | 'marac' | 'iom';
  /** The panel a case opens in, or the MASH's decision when none does; null while awaiting triage. */
  outcome: 'mace' | 'young-adults' | 'marac' | 'iom' | 'early-help' | 'no-further-action' | null;
  referrer: DemoAgency;
  /** Days before today the referral was made. */
  daysAgo: number;
  /** The case is closed (about two months ago). */
  closed?: boolean;
  escalated?: boolean;
  /** A MARAC referral repeating an earlier one: the index of that one in STORY. */
  repeatOf?: number;
  dash?: number;
}

const r = (
  to: StoryReferral['to'],
  outcome: StoryReferral['outcome'],
  referrer: DemoAgency,
  daysAgo: number,
  extra: Partial<StoryReferral> = {},
): StoryReferral => ({ to, outcome, referrer, daysAgo, ...extra });

export const STORY: readonly StoryReferral[] = [
  // The MASH, from screenings: the school nurse (health) refers most.
  r('mash', 'mace', 'health', 300, { closed: true }),
  r('mash', 'mace', 'local_authority', 260, { closed: true }),
  r('mash', 'mace', 'health', 110),
  r('mash', 'mace', 'police', 80, { escalated: true }),
  r('mash', 'mace', 'health', 60),
  r('mash', 'mace', 'health', 30),
  r('mash', 'mace', 'local_authority', 12),
  r('mash', 'young-adults', 'probation', 95),
  r('mash', 'young-adults', 'police', 50),
  r('mash', 'young-adults', 'health', 15),
  r('mash', 'early-help', 'health', 200),
  r('mash', 'early-help', 'local_authority', 150),
  r('mash', 'early-help', 'health', 40),
  r('mash', 'no-further-action', 'probation', 170),
  r('mash', 'no-further-action', 'local_authority', 70),
  r('mash', null, 'health', 6),
  r('mash', null, 'police', 1),
  // MARAC direct, with a DASH score; the last is a repeat of the first.
  r('marac', 'marac', 'police', 280, { closed: true, dash: 16 }),
  r('marac', 'marac', 'police', 90, { dash: 18 }),
  r('marac', 'marac', 'health', 45, { dash: 14 }),
  r('marac', 'marac', 'local_authority', 20, { dash: 21 }),
  r('marac', 'marac', 'police', 10, { dash: 15, repeatOf: 17 }),
  // IOM direct, from police and probation.
  r('iom', 'iom', 'police', 250, { closed: true }),
  r('iom', 'iom', 'probation', 100),
  r('iom', 'iom', 'police', 35),
];

/** Screenings that did not become referrals, by agency: with the 17 above, 16 health, 10 council, 8 police, 6 probation. */
export const UNREFERRED_SCREENINGS: Readonly<Record<DemoAgency, number>> = {
  health: 8,
  local_authority: 6,
  police: 5,
  probation: 4,
};

/** The panels that meet (three meetings each): every panel but the MASH. */
export const MEETING_PANELS = ['mace', 'marac', 'iom', 'young-adults'] as const;

/** Where each agency screens, as the screening tool's settings would name them. */
export const SETTING_OF: Readonly<Record<DemoAgency, string>> = {
  health: 'school',
  local_authority: 'social-care',
  police: 'police',
  probation: 'youth-justice-probation',
};

/** Risks recorded on a case, by panel kind. */
export const RISKS: Readonly<Record<Exclude<PanelKind, 'mash'>, readonly string[]>> = {
  mace: ['Criminal exploitation: drug running', 'Going missing from home', 'Carrying a knife', 'Online grooming'],
  marac: ['Domestic abuse: high risk on DASH', 'Stalking and harassment', 'Threats to kill'],
  iom: ['Repeat violent offending', 'Substance misuse', 'Association with a street group'],
  custom: ['Serious violence: victim of a stabbing', 'Exploitation into drug supply', 'Leaving care at 18'],
};
