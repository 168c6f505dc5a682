/** "30 of 40 places (75% full)", or what is known of it: one wording for pages and reports. */
export function placesWords(capacity: number | null, caseload: number | null, percentFull: number | null): string {
  if (capacity === null && caseload === null) return 'capacity and caseload not recorded';
  if (capacity === null) return `caseload ${caseload}, capacity not recorded`;
  if (caseload === null) return `${capacity} places, caseload not recorded`;
  return `${caseload} of ${capacity} places${percentFull === null ? '' : ` (${percentFull}% full)`}`;
}

/** "Knife crime" from the vocabulary's "knife crime". */
export const needWords = (need: string): string => need.charAt(0).toUpperCase() + need.slice(1);

/** How the matrix is worked out, in words for pages and data notes. */
export const MATRIX_METHOD =
  'One row for each need a service can meet. What works: services meeting the need rated high or moderate impact (for example on the Youth Endowment Fund toolkit), with the strength and source of that rating. Current provision: every service meeting the need, with its caseload against its capacity. Gaps: no service meets the need; a service is at or over capacity; no service meeting it is rated high or moderate impact; wards no service meeting the need covers.';

export const CLIFF_METHOD =
  'Services whose funding ends between the day the table was made and six calendar months later (inclusive), and those whose funding has already ended, soonest first; places and caseload at risk are the sums of those recorded.';
