import { parseGssCode } from '../fields.ts';
import { boroughNameKey, resolveBoroughName } from './mpsNames.ts';

/** Where one dashboard row counts: an existing borough/pseudo-borough, or a safer neighbourhood team (SNT). */
export type DashboardArea =
  | { ok: true; code: string; snt: { name: string; parent: string } | null }
  | { ok: false; column: 'area_code' | 'area_name' | 'borough_snt' | 'area_type'; value: string; message: string };

/**
 * SNT codes the dashboard uses for teams that are not wards: "N/K", "-1" and
 * blank (Other / NK) and "NON ATHENA FORCE" (crimes recorded for other forces).
 */
const UNCODED_SNT = new Set(['', 'N/K', '-1', 'NON ATHENA FORCE']);

export interface DashboardRow {
  areaType: string;
  boroughSnt: string;
  areaName: string;
  areaCode: string;
}

/**
 * Resolves a dashboard row's area. Borough rows carry an E09 code (checked
 * against the borough name) or, for "Other / NK" rows, a label such as
 * "Non MET police force" naming a pseudo-borough. SNT rows become areas
 * 'SNT:<borough>:<ward code>': the same ward can appear under two boroughs
 * (Whitechapel under Hackney and Tower Hamlets; Heathrow Villages under
 * Hillingdon and Aviation Security), and each stays a team of its own borough.
 */
export function resolveDashboardArea(row: DashboardRow, boroughs: ReadonlyMap<string, string>): DashboardArea {
  const code = row.areaCode.trim();
  if (row.areaType.trim() === 'Borough') {
    if (code !== '') {
      const gss = parseGssCode('area_code', row.areaCode, ['E09']);
      if (!gss.ok) return { ok: false, column: 'area_code', value: row.areaCode, message: gss.problem.message };
      const named = resolveBoroughName(boroughs, row.boroughSnt);
      if (named !== gss.value) {
        return {
          ok: false,
          column: 'borough_snt',
          value: row.boroughSnt,
          message: `the borough name does not match area_code ${gss.value}`,
        };
      }
      return { ok: true, code: gss.value, snt: null };
    }
    const label = row.areaName.trim() || row.boroughSnt;
    const pseudo = resolveBoroughName(boroughs, label);
    if (!pseudo)
      return {
        ok: false,
        column: 'area_name',
        value: label,
        message: 'not a London borough or MPS area name Safer knows',
      };
    return { ok: true, code: pseudo, snt: null };
  }
  if (row.areaType.trim() !== 'Safer Neighbourhood Teams') {
    return {
      ok: false,
      column: 'area_type',
      value: row.areaType,
      message: 'expected "Borough" or "Safer Neighbourhood Teams"',
    };
  }
  const parent = boroughPrefix(row.boroughSnt, boroughs);
  if (!parent)
    return {
      ok: false,
      column: 'borough_snt',
      value: row.boroughSnt,
      message: 'does not start with a London borough or MPS area name Safer knows',
    };
  let team: string;
  if (UNCODED_SNT.has(code.toUpperCase())) {
    team = code === '' ? 'NK' : code.toUpperCase();
  } else {
    const gss = parseGssCode('area_code', row.areaCode, ['E05']);
    if (!gss.ok)
      return {
        ok: false,
        column: 'area_code',
        value: row.areaCode,
        message: `${gss.problem.message}, or one of N/K, -1, NON ATHENA FORCE`,
      };
    team = gss.value;
  }
  return { ok: true, code: `SNT:${parent}:${team}`, snt: { name: row.areaName.trim() || 'Not known', parent } };
}

/** The area whose name (or alias) is the longest leading words of `boroughSnt`, e.g. "Tower Hamlets" in "Tower Hamlets Whitechapel". */
function boroughPrefix(boroughSnt: string, boroughs: ReadonlyMap<string, string>): string | null {
  const key = boroughNameKey(boroughSnt);
  let best: { length: number; code: string } | null = null;
  for (const [name, code] of boroughs) {
    if ((key === name || key.startsWith(`${name} `)) && (!best || name.length > best.length))
      best = { length: name.length, code };
  }
  return best?.code ?? null;
}
