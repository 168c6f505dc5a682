import { sql } from 'kysely';
import { monthToDate } from '../../domain/periods/month.ts';
import { sanctionDetectionRate } from '../../domain/stats/outcomeRate.ts';
import { isSchoolTermWeekday } from '../../domain/periods/schoolCalendar.ts';
import { areaCondition } from '../areas.ts';
import type { AnalysisContext } from '../context.ts';
import { countIn, sumByGroup, total } from '../countIn.ts';
import { aggregateMonths, sliceVersion } from '../counts.ts';
import { AnalysisError } from '../figure.ts';
import type { ShareFigure } from '../figureShapes.ts';
import { shareFigure } from './breakdown.ts';

/** Share of offences on weekdays 15:00–17:59, split into school-term and holiday weekdays. */
export async function afterSchoolWindow(ctx: AnalysisContext): Promise<ShareFigure[]> {
  const rows = await countIn(ctx, ctx.period, 'window-date');
  const all = total(rows);
  let term = 0;
  let holiday = 0;
  for (const [date, n] of sumByGroup(rows)) {
    if (date === 'unknown') continue;
    if (isSchoolTermWeekday(date.slice(0, 10))) term += n;
    else holiday += n;
  }
  const unknownTime = await countIn(ctx, ctx.period, 'hour').then((r) =>
    r.filter((x) => x.group === 'unknown').reduce((a, x) => a + x.count, 0),
  );
  if (unknownTime > 0) ctx.warnings.push(`${unknownTime} records have no time of day and count only in the total`);
  return [
    shareFigure(ctx, { window: 'school-term weekdays 15:00–18:00' }, term, all, rows),
    shareFigure(ctx, { window: 'holiday weekdays 15:00–18:00' }, holiday, all, rows),
  ];
}

/**
 * Person-level aggregate with the column names partner conditions use (flags it lacks read as false);
 * a victim row carries its age band as victim_band, a suspect row as suspect_band.
 */
const PERSON_ROWS = sql`(SELECT p.*,
    CASE WHEN p.role = 'victim' THEN p.age_band ELSE 'none' END AS victim_band, CASE WHEN p.role = 'suspect' THEN p.age_band ELSE 'none' END AS suspect_band,
    false AS hate, false AS firearm, false AS sexual FROM agg_partner_person p)`;

/** Per person in the area and period: records as a victim and whether recorded as a victim / a suspect. Counted in the database, so no list of people crosses to the application. */
function perPerson(ctx: AnalysisContext, victimsOnly: boolean) {
  const where = areaCondition(ctx.source, ctx.target);
  if (!where) throw new AnalysisError('UNSUPPORTED', `${ctx.source.name} cannot be counted for ${ctx.target.name}`);
  return sql`
    SELECT a.person_id, sum(a.n) FILTER (WHERE a.role = 'victim') AS victim_records, bool_or(a.role = 'victim') AS victim, bool_or(a.role = 'suspect') AS suspect
    FROM count_slice s JOIN ${PERSON_ROWS} a ON a.slice_id = s.id
    WHERE s.series LIKE ${ctx.source.series} AND s.month BETWEEN ${monthToDate(ctx.period.start)}::date AND ${monthToDate(ctx.period.end)}::date
      AND ${sliceVersion(ctx.request.asOf)} AND ${where} AND ${aggregateMonths(ctx.source, ctx.period.start, ctx.period.end)} AND ${ctx.spec.filter}${victimsOnly ? sql` AND a.role = 'victim'` : sql``}
    GROUP BY 1`;
}

async function personCounts(
  ctx: AnalysisContext,
  victimsOnly = false,
): Promise<{ victims: number; repeatVictims: number; suspects: number; both: number }> {
  const { rows } = await sql<{
    victims: number | string;
    repeats: number | string;
    suspects: number | string;
    both: number | string;
  }>`
    SELECT count(*) FILTER (WHERE victim)::int8 AS victims, count(*) FILTER (WHERE victim_records >= 2)::int8 AS repeats,
      count(*) FILTER (WHERE suspect)::int8 AS suspects, count(*) FILTER (WHERE victim AND suspect)::int8 AS both
    FROM (${perPerson(ctx, victimsOnly)}) x`.execute(ctx.db);
  const r = rows[0];
  return {
    victims: Number(r?.victims ?? 0),
    repeatVictims: Number(r?.repeats ?? 0),
    suspects: Number(r?.suspects ?? 0),
    both: Number(r?.both ?? 0),
  };
}

function personCaveat(ctx: AnalysisContext): void {
  ctx.warnings.push(
    "person-level figures apply the definition's categories, domestic abuse, knife and age conditions; hate, firearm and sexual-offence conditions are not applied",
  );
}

/** Repeat victimisation: victims with two or more records in the period, as a share of all victims. */
export async function repeatVictimisation(ctx: AnalysisContext): Promise<ShareFigure[]> {
  personCaveat(ctx);
  const c = await personCounts(ctx, true);
  return [shareFigure(ctx, { measure: 'repeat victims (2+ records in the period)' }, c.repeatVictims, c.victims, [])];
}

/** Victim–suspect overlap: people recorded both as a victim and as a suspect in the period. */
export async function victimSuspectOverlap(ctx: AnalysisContext): Promise<ShareFigure[]> {
  personCaveat(ctx);
  const c = await personCounts(ctx);
  return [
    shareFigure(ctx, { measure: 'victims also recorded as suspects' }, c.both, c.victims, []),
    shareFigure(ctx, { measure: 'suspects also recorded as victims' }, c.both, c.suspects, []),
  ];
}

/** Sanction detection rate (partner records) or stop-and-search outcomes and find rate. */
export async function outcomes(ctx: AnalysisContext): Promise<ShareFigure[]> {
  if (ctx.source.id === 'police-uk-stop-search') {
    const rows = await countIn(ctx, ctx.period, 'outcome');
    const all = total(rows);
    const byOutcome = [...sumByGroup(rows)].sort((a, b) => b[1] - a[1]);
    const nothing = byOutcome
      .filter(([o]) => /no further action|nothing found/i.test(o))
      .reduce((a, [, n]) => a + n, 0);
    return [
      shareFigure(ctx, { outcome: 'find rate (any outcome other than no further action)' }, all - nothing, all, rows),
      ...byOutcome.map(([o, n]) => shareFigure(ctx, { outcome: o }, n, all, rows)),
    ];
  }
  const rows = await countIn(ctx, ctx.period, 'sanction');
  const counts = sumByGroup(rows);
  const offences = total(rows);
  const detections = counts.get('sanction') ?? 0;
  const f: ShareFigure = shareFigure(ctx, { outcome: 'sanction detections' }, detections, offences, rows);
  f.percent = sanctionDetectionRate(detections, offences);
  f.note = 'outcomes of offences committed in the period (partner records), as recorded at the extract date';
  return [f];
}
