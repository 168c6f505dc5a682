import type { AnnexRow, BuiltReport } from '../builtReport.ts';

/** One figure that differs between a published report and the same report on today's data. */
export interface ChangedFigure {
  figure: string;
  block: string;
  group: string;
  /** As published, and as the data stands now ('' when the figure is absent on that side). */
  published: string;
  now: string;
  publishedCount: number | null;
  nowCount: number | null;
  publishedRate: number | null;
  nowRate: number | null;
  publishedExtract: string | null;
  nowExtract: string | null;
}

const key = (r: AnnexRow) => `${r.block}\u0000${r.group}`;

/**
 * "What changed since": every annex row whose count, rate or limits differ between the published build and a
 * build of the same report on today's data, plus rows only one side has (a figure that became available, or one a
 * revised extract no longer holds). Pure: two built reports in, a list out, in the published report's order.
 */
export function whatChanged(published: BuiltReport, now: BuiltReport): ChangedFigure[] {
  const current = new Map(now.annex.map((r) => [key(r), r]));
  const before = new Map(published.annex.map((r) => [key(r), r]));
  const changed: ChangedFigure[] = [];
  for (const p of published.annex) {
    const n = current.get(key(p));
    if (n && same(p, n)) continue;
    changed.push(pair(p, n));
  }
  for (const n of now.annex) if (!before.has(key(n))) changed.push(pair(undefined, n));
  return changed;
}

const same = (a: AnnexRow, b: AnnexRow) =>
  a.count === b.count && a.rate === b.rate && a.lower === b.lower && a.upper === b.upper && a.shown === b.shown;

function pair(p: AnnexRow | undefined, n: AnnexRow | undefined): ChangedFigure {
  const row = (p ?? n)!;
  return {
    figure: row.figure,
    block: row.block,
    group: row.group,
    published: p ? shown(p) : '',
    now: n ? shown(n) : '',
    publishedCount: p?.count ?? null,
    nowCount: n?.count ?? null,
    publishedRate: p?.rate ?? null,
    nowRate: n?.rate ?? null,
    publishedExtract: p?.extractDate ?? null,
    nowExtract: n?.extractDate ?? null,
  };
}

/** The count as shown, with the rate when there is one: "9,812 (31.6)". */
const shown = (r: AnnexRow) => (r.rate === null ? r.shown : `${r.shown} (${r.rate.toFixed(1)})`);

/** A figure the public edition shows differently from the internal one: for the approver, before publishing. */
export interface EditionDifference {
  figure: string;
  group: string;
  internal: string;
  public: string;
}

/**
 * Every annex figure whose shown value differs between the internal and public editions of the same build
 * (suppressed, or a complement suppressed with it): what the disclosure rules take out of the public edition.
 */
export function editionDifferences(internal: BuiltReport, pub: BuiltReport): EditionDifference[] {
  const shownPublicly = new Map(pub.annex.map((r) => [key(r), r.shown]));
  return internal.annex
    .filter((r) => shownPublicly.has(key(r)) && shownPublicly.get(key(r)) !== r.shown)
    .map((r) => ({ figure: r.figure, group: r.group, internal: r.shown, public: shownPublicly.get(key(r))! }));
}
