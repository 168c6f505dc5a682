/*
 * Released figures drawn as charts and tables: one drawing for the dashboard pages and the report engine (src/reports),
 * so a figure looks the same on screen, in the PDF and in Word. Pure: results in, charts out.
 */
import type { Dimension } from '../analysis/request.ts';

/** Every breakdown, grouped as people look for them. A test checks no DIMENSION is missing. */
export const BY_GROUPS: readonly { label: string; options: readonly { value: Dimension; text: string }[] }[] = [
  { label: 'No breakdown', options: [{ value: 'none', text: 'Headline figure with benchmark and change' }] },
  {
    label: 'Over time',
    options: [
      { value: 'month', text: 'Month' },
      { value: 'quarter', text: 'Quarter' },
      { value: 'financial-year', text: 'Financial year' },
    ],
  },
  {
    label: 'Place',
    options: [
      { value: 'borough', text: 'Borough' },
      { value: 'ward', text: 'Ward' },
      { value: 'lsoa', text: 'LSOA (with deprivation decile)' },
      { value: 'rank', text: 'London boroughs ranked' },
      { value: 'grid', text: 'Hotspot grid (Getis-Ord Gi*)' },
      { value: 'kde', text: 'Kernel density surface' },
      { value: 'emerging-hotspots', text: 'Emerging hotspots over time' },
      { value: 'near-repeat', text: 'Near-repeat test (Knox)' },
    ],
  },
  {
    label: 'Offence',
    options: [
      { value: 'category', text: 'Offence category' },
      { value: 'cost', text: 'Cost of crime' },
    ],
  },
  {
    label: 'Time of day and week (records)',
    options: [
      { value: 'hour', text: 'Hour of day' },
      { value: 'weekday', text: 'Day of week' },
      { value: 'hour-weekday', text: 'Hour × day of week' },
      { value: 'after-school', text: 'After-school window (15:00–18:00)' },
    ],
  },
  {
    label: 'Victims (records)',
    options: [
      { value: 'victim-age', text: 'Victim age band' },
      { value: 'victim-sex', text: 'Victim sex' },
      { value: 'victim-ethnicity', text: 'Victim ethnicity' },
      { value: 'repeat-victimisation', text: 'Repeat victimisation' },
      { value: 'victim-suspect-overlap', text: 'Victim–suspect overlap' },
    ],
  },
  {
    label: 'Suspects (records)',
    options: [
      { value: 'suspect-age', text: 'Suspect age band' },
      { value: 'suspect-sex', text: 'Suspect sex' },
      { value: 'suspect-ethnicity', text: 'Suspect ethnicity' },
    ],
  },
  {
    label: 'Stop and search',
    options: [
      { value: 'ethnicity', text: 'Ethnicity of people searched' },
      { value: 'age', text: 'Age of people searched' },
      { value: 'sex', text: 'Sex of people searched' },
      { value: 'object', text: 'Object of search' },
    ],
  },
  { label: 'Outcomes', options: [{ value: 'outcome', text: 'Outcomes (sanction detections, search outcomes)' }] },
];

export const TIME_DIMENSIONS: ReadonlySet<Dimension> = new Set(['month', 'quarter', 'financial-year']);

export const byLabel = (by: Dimension): string =>
  BY_GROUPS.flatMap((g) => g.options).find((o) => o.value === by)?.text ?? by;
