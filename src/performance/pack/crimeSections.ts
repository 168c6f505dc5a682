import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { monthParts, type Month } from '../../domain/periods/month.ts';
import { financialYear } from '../../domain/periods/period.ts';
import type { BuiltSection, DataNote, FigureBlock } from '../../reports/builtReport.ts';
import { CrimeTableError } from '../crimeTable/crimeTableError.ts';
import { loadBaselineTable, loadCrimeTable } from '../crimeTable/loadCrimeTable.ts';
import { baselineTableToChartTable, crimeTableToChartTable } from '../crimeTable/toChartTable.ts';
import type { PackDefinition } from './packSchema.ts';
import type { Numbering } from './themeSections.ts';

/*
 * The pack's two police-crime tables (seed 004): the latest whole financial year against the one before, and a
 * basket against the baseline year with its target. A table the data cannot give (no months of that year
 * imported) is printed as "unavailable" with the reason, never left out silently.
 */

/** The last whole financial year that ends by a month: 2024/25 for any month from April 2025 to March 2026. */
export function lastWholeFinancialYear(by: Month): string {
  const { year, month } = monthParts(by);
  return financialYear(month >= 3 ? year - 1 : year - 2).id;
}

const empty = { caption: '', head: [], rows: [], numeric: [] };
const block = (id: string, label: string, title: string, note: number): FigureBlock => ({
  kind: 'figure',
  id,
  label,
  title,
  chart: null,
  table: empty,
  statement: null,
  notes: [note],
  unavailable: null,
  suppressedCells: 0,
});

export async function crimeSections(
  db: Kysely<DB>,
  input: {
    area: string;
    by: Month;
    definition: PackDefinition;
    numbers: string[];
    notes: { crime: number; baseline: number };
  },
  n: Numbering,
): Promise<{ sections: BuiltSection[]; notes: Omit<DataNote, 'number' | 'usedBy'>[]; extracts: string[] }> {
  const year = lastWholeFinancialYear(input.by);
  const fyBlock = block('financial-year-crime', n.table(), `${year} financial year crime figures`, input.notes.crime);
  const baseBlock = block(
    'baseline-crime',
    n.table(),
    `${year} against the baseline year ${input.definition.baseline.baselineYear}`,
    input.notes.baseline,
  );
  const extracts: string[] = [];
  const caveats: string[] = [];
  try {
    const t = await loadCrimeTable(db, {
      area: input.area,
      year,
      classification: input.definition.crimeTable.classification,
    });
    fyBlock.table = crimeTableToChartTable(t);
    extracts.push(...t.extractDates);
    if (t.sanctionDetections.reason !== null) caveats.push(`Sanction detections ${t.sanctionDetections.reason}.`);
  } catch (error) {
    if (!(error instanceof CrimeTableError)) throw error;
    fyBlock.unavailable = error.message;
  }
  const b = input.definition.baseline;
  try {
    const t = await loadBaselineTable(db, {
      area: input.area,
      basket: b.basket,
      year,
      baseline: b.baselineYear,
      target: { percentChange: b.targetPercent, toleranceFraction: b.toleranceFraction },
    });
    baseBlock.table = baselineTableToChartTable(t);
    baseBlock.statement =
      t.assessment === null
        ? `No assessment against the target: ${t.assessmentNote ?? 'a year is missing'}.`
        : `The basket's ${t.currentLabel} total of ${t.total.current.toLocaleString('en-GB')} against ${t.total.baseline.toLocaleString('en-GB')} in ${t.baselineLabel}: ${t.assessment.status} (${t.target.description}).`;
    extracts.push(...t.extractDates);
  } catch (error) {
    if (!(error instanceof CrimeTableError)) throw error;
    baseBlock.unavailable = error.message;
  }
  const source = 'MPS recorded crime, borough level (London Datastore), as imported';
  return {
    sections: [
      {
        id: 'financial-year-crime',
        number: input.numbers[0] ?? '',
        title: 'Financial year crime figures',
        blocks: [fyBlock],
      },
      { id: 'baseline-crime', number: input.numbers[1] ?? '', title: b.title, blocks: [baseBlock] },
    ],
    notes: [
      {
        source,
        extractDates: [...new Set(extracts)].sort(),
        definition: `Every category of the ${input.definition.crimeTable.classification === 'ho_aligned' ? 'Home Office aligned' : 'old MPS'} classification the borough files hold, ${year} against the year before`,
        definitionVersion: null,
        method:
          'Offences summed over April–March from the current revision of each month; % change only between two whole years with the earlier above 0.',
        caveats,
      },
      {
        source,
        extractDates: [...new Set(extracts)].sort(),
        definition: `Basket: ${b.basket.map((i) => i.minor ?? i.major).join(', ')}`,
        definitionVersion: null,
        method: `Target ${b.targetPercent}% against ${b.baselineYear}, within tolerance up to ${b.toleranceFraction * 100}% of the target value. ${b.citation}`,
        caveats: [],
      },
    ],
    extracts,
  };
}
