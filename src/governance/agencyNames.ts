/** Agencies as boards speak of them (the council, not "local_authority"), in the order agendas list them. */
export const AGENCY_ORDER = ['police', 'local_authority', 'health', 'probation', 'youth_justice', 'fire', 'vcs'];

const SHORT: Record<string, string> = {
  police: 'police',
  local_authority: 'council',
  health: 'health',
  probation: 'probation',
  youth_justice: 'youth justice',
  fire: 'fire',
  vcs: 'voluntary sector',
};

export const agencyShortName = (code: string): string => SHORT[code] ?? code;

/** Agency codes sorted in AGENCY_ORDER, unknown ones last in alphabetical order. */
export function sortAgencies(codes: Iterable<string>): string[] {
  const rank = (c: string) => (AGENCY_ORDER.includes(c) ? AGENCY_ORDER.indexOf(c) : AGENCY_ORDER.length);
  return [...new Set(codes)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
