import type { Actor } from '../auth/policy.ts';
import type { LineageKind } from '../db/tables/lineage.ts';
import { LineageError } from './lineageError.ts';

/* The five kinds of node, which pairs may be linked, who may link, and how a node is named in a URL. Pure. */

export type { LineageKind };
export const LINEAGE_KINDS: readonly LineageKind[] = ['finding', 'plan-item', 'indicator', 'meeting', 'decision'];

/** A node of the thread: its kind and its ref in that kind's table. */
export interface NodeRef {
  kind: LineageKind;
  ref: string;
}

/**
 * The allowed directions, "from prompted to": the thread runs from what was found to what was done about it.
 *
 * | from      | to        | meaning                                                       |
 * |-----------|-----------|---------------------------------------------------------------|
 * | finding   | plan-item | a figure prompted a recommendation (or an action)             |
 * | finding   | decision  | a board decided on the strength of a figure                   |
 * | plan-item | plan-item | a recommendation led to an action (or an action to a sub-action) |
 * | plan-item | indicator | an action is meant to move an indicator                        |
 * | plan-item | meeting   | an item was discussed at a meeting                            |
 * | indicator | meeting   | an indicator's movement was discussed at a meeting            |
 * | meeting   | decision  | a meeting took a decision                                     |
 * | decision  | plan-item | a decision led to an action                                   |
 * | decision  | decision  | a decision led to (or superseded into) another                |
 *
 * Anything else is refused: nothing leads *to* a finding (findings are where threads start), and an indicator
 * only moves because of actions, so it is never the source of an action or decision directly.
 */
export const ALLOWED_LINKS: readonly (readonly [LineageKind, LineageKind])[] = [
  ['finding', 'plan-item'],
  ['finding', 'decision'],
  ['plan-item', 'plan-item'],
  ['plan-item', 'indicator'],
  ['plan-item', 'meeting'],
  ['indicator', 'meeting'],
  ['meeting', 'decision'],
  ['decision', 'plan-item'],
  ['decision', 'decision'],
];

export const isAllowedLink = (from: LineageKind, to: LineageKind): boolean =>
  ALLOWED_LINKS.some(([f, t]) => f === from && t === to);

/** Singular words for each kind, as people read them in messages and headings. */
export const KIND_WORDS: Record<LineageKind, string> = {
  finding: 'finding',
  'plan-item': 'plan item',
  indicator: 'indicator',
  meeting: 'meeting',
  decision: 'decision',
};

/** "a finding", "an indicator". */
export const withArticle = (kind: LineageKind): string =>
  `${/^[aeiou]/.test(KIND_WORDS[kind]) ? 'an' : 'a'} ${KIND_WORDS[kind]}`;

export const describeNode = (node: NodeRef): string => `${KIND_WORDS[node.kind]} ${node.ref}`;

/** Analysts and partnership managers keep the thread; viewers read it, data owners and administrators do neither. */
export const canLink = (actor: Actor): boolean => actor.role === 'analyst' || actor.role === 'partnership_manager';

/** Administrators run accounts, not the partnership's work (as in Performance): everyone else reads lineage. */
export const canReadLineage = (actor: Actor): boolean => actor.role !== 'administrator';

/** The lineage page of a node; the ref is encoded because a finding's holds '/' and '#'. */
export const lineageHref = (kind: LineageKind, ref: string | number): string =>
  `/lineage/${kind}/${encodeURIComponent(String(ref))}`;

export const isLineageKind = (text: string): text is LineageKind => (LINEAGE_KINDS as readonly string[]).includes(text);

/** A finding's ref: `<report id>/<published version>#<block id>`. */
export interface FindingRef {
  reportId: number;
  version: number;
  blockId: string;
}

const FINDING_REF = /^([1-9][0-9]{0,9})\/([1-9][0-9]{0,9})#([A-Za-z0-9_.:-]{1,120})$/;
const ID_REF = /^[1-9][0-9]{0,9}$/;
const INDICATOR_REF = /^[a-z0-9-]{1,80}$/;

export const findingRef = (f: FindingRef): string => `${f.reportId}/${f.version}#${f.blockId}`;

export function parseFindingRef(ref: string): FindingRef | null {
  const m = FINDING_REF.exec(ref);
  return m ? { reportId: Number(m[1]), version: Number(m[2]), blockId: m[3] as string } : null;
}

/** Checks a ref's shape for its kind (existence is checked against the database in nodes.ts). */
export function checkRef(kind: LineageKind, ref: string): NodeRef {
  const r = ref.trim();
  const ok =
    kind === 'finding'
      ? parseFindingRef(r) !== null
      : kind === 'indicator'
        ? INDICATOR_REF.test(r)
        : ID_REF.test(r) && Number(r) <= 2_147_483_647;
  if (!ok) {
    const shape =
      kind === 'finding'
        ? 'report id/version#block id, for example 12/3#crime-trend'
        : kind === 'indicator'
          ? "the indicator's id, for example asb-calls"
          : `the ${KIND_WORDS[kind]}'s number`;
    throw new LineageError('BAD_REF', `"${r}" is not a ${KIND_WORDS[kind]} reference: give ${shape}`);
  }
  return { kind, ref: r };
}
