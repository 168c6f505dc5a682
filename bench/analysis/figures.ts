import type { AnalysisRequestInput } from '../../src/analysis/request.ts';

/** The twenty figures a dashboard shows, for one borough (every request adds area and period 2023/24). */
export const BOROUGH = 'E09000030';
export const SVD = 'serious-violence-duty-tower-hamlets';
export const VAP = 'VIOLENCE AGAINST THE PERSON';
export const FIGURES: [string, Partial<AnalysisRequestInput>][] = [
  ['SVD headline 2023/24', { definition: SVD }],
  ['SVD by financial year, 10 years', { definition: SVD, period: 'Apr 2015–Mar 2025', by: 'financial-year' }],
  ['SVD by quarter', { definition: SVD, by: 'quarter' }],
  ['SVD by month, 12 months', { definition: SVD, period: '12 months to Mar 2025', by: 'month' }],
  ['VAP headline', { category: VAP }],
  ['robbery headline', { category: 'ROBBERY' }],
  ['sexual offences headline', { category: 'SEXUAL OFFENCES' }],
  ['knife crime headline', { definition: 'knife-crime' }],
  ['SVD by category', { definition: SVD, by: 'category' }],
  ['SVD by ward', { definition: SVD, by: 'ward' }],
  ['SVD by LSOA', { definition: SVD, by: 'lsoa' }],
  ['SVD by victim age', { definition: SVD, by: 'victim-age' }],
  ['SVD by suspect age', { definition: SVD, by: 'suspect-age' }],
  ['SVD by victim sex', { definition: SVD, by: 'victim-sex' }],
  ['SVD by victim ethnicity', { definition: SVD, by: 'victim-ethnicity' }],
  ['SVD hour × weekday', { definition: SVD, by: 'hour-weekday' }],
  ['SVD after-school window', { definition: SVD, by: 'after-school' }],
  ['VAP repeat victimisation', { category: VAP, by: 'repeat-victimisation' }],
  ['VAP victim–suspect overlap', { category: VAP, by: 'victim-suspect-overlap' }],
  ['VAP sanction detection rate', { category: VAP, by: 'outcome' }],
];
