import type { ProvisionTableView } from '../../reports/build/reportPorts.ts';
import { fundingCliff } from './fundingCliff.ts';
import { gapWords, provisionMatrix } from './provisionMatrix.ts';
import type { ProvisionService } from './provisionService.ts';
import { CLIFF_METHOD, MATRIX_METHOD, needWords, placesWords } from './provisionWords.ts';

/*
 * The provision map as report tables (plain text cells), for the SNA's "Current provision" section: the same
 * matrix and funding cliff the /provision pages show, from the same pure functions.
 */

const CAVEATS = [
  'Services are entered by partners in the register; evidence ratings are entered by hand with their source.',
];
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function matrixTable(
  services: readonly ProvisionService[],
  needs: readonly string[],
  wards: readonly { code: string; name: string }[],
  today: string,
  registerName: string,
): ProvisionTableView {
  const rows = provisionMatrix(services, needs, wards);
  const met = rows.filter((r) => r.current.length > 0).length;
  const withGaps = rows.filter((r) => r.gaps.length > 0).length;
  const unmet = rows.filter((r) => r.current.length === 0).map((r) => r.need);
  const sentence =
    services.length === 0
      ? 'No services are on the provision map yet, so no need shows any provision.'
      : `${plural(services.length, 'service', 'services')} on the provision map meet ${met} of ${needs.length} needs; ${plural(withGaps, 'need has', 'needs have')} a gap${unmet.length > 0 ? `, and no service meets ${unmet.join(', ')}` : ''}.`;
  return {
    table: {
      caption: `What works, current provision and gaps by need: ${plural(services.length, 'service', 'services')} on the provision map on ${today}`,
      head: ['Need', 'What works', 'Current provision', 'Gaps'],
      numeric: [false, false, false, false],
      rows: rows.map((r) => [
        needWords(r.need),
        r.whatWorks.length === 0
          ? 'None rated high or moderate impact'
          : r.whatWorks
              .map(
                (c) =>
                  `${c.name} (${c.impact} impact${c.strength ? `, evidence ${c.strength}` : ''}; ${c.source ? `source: ${c.source}` : 'no source given'})`,
              )
              .join('; '),
        r.current.length === 0
          ? 'No service'
          : r.current
              .map((c) => `${c.name} (${c.provider}): ${placesWords(c.capacity, c.caseload, c.percentFull)}`)
              .join('; '),
        r.gaps.length === 0 ? 'None found' : r.gaps.map(gapWords).join('; '),
      ]),
    },
    sentence,
    note: {
      source: `${registerName} register (provision map)`,
      readOn: today,
      method: MATRIX_METHOD,
      caveats: CAVEATS,
    },
  };
}

export function fundingCliffTable(
  services: readonly ProvisionService[],
  today: string,
  registerName: string,
): ProvisionTableView {
  const cliff = fundingCliff(services, today);
  const ended = cliff.rows.filter((r) => r.ended).length;
  const known = (n: number | null) => (n === null ? 'Not recorded' : n);
  const sentence =
    cliff.rows.length === 0
      ? `No service's funding ends by ${cliff.horizon}, and none has ended.`
      : `${plural(cliff.rows.length, "service's funding ends", "services' funding ends")} by ${cliff.horizon} or has ended${ended > 0 ? ` (${ended} already ended)` : ''}: ${cliff.capacityAtRisk} places and a caseload of ${cliff.caseloadAtRisk} at risk.`;
  return {
    table: {
      caption: `Services whose funding ends by ${cliff.horizon} (six months from ${today}) or has ended, soonest first`,
      head: ['Service', 'Provider', 'Funding source', 'Funding ends', 'Capacity', 'Caseload'],
      numeric: [false, false, false, false, true, true],
      rows: [
        ...cliff.rows.map((r) => [
          r.name,
          r.provider,
          r.fundingSource ?? 'Not recorded',
          r.ended ? `${r.endsOn} (ended)` : r.endsOn,
          known(r.capacity),
          known(r.caseload),
        ]),
        ['Total at risk', '', '', '', cliff.capacityAtRisk, cliff.caseloadAtRisk],
      ],
    },
    sentence,
    note: { source: `${registerName} register (provision map)`, readOn: today, method: CLIFF_METHOD, caveats: CAVEATS },
  };
}
