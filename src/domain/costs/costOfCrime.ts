import type { UnitCostTable } from './unitCostTable.ts';

export interface OffenceVolume {
  /** Must match an offence in the unit-cost table (case-insensitive). */
  offence: string;
  /** Offences recorded by the police in the period. */
  recorded: number;
  /** Estimated offences per recorded offence (≥ 1), e.g. from the Crime Survey; 1 when none is applied. */
  underReportingMultiplier: number;
}

export interface CostLine {
  offence: string;
  recorded: number;
  underReportingMultiplier: number;
  estimatedOffences: number;
  unitCost: number | null;
  cost: number | null;
}

export interface CostOfCrime {
  total: number;
  lines: CostLine[];
  edition: string;
  priceYear: string;
  costType: string;
  /** True while the table is partial or an offence has no unit cost: the total is then an underestimate. */
  provisional: boolean;
  warnings: string[];
}

const TOTAL_COST = 'total economic and social cost per offence';

/** Unit cost × offences × under-reporting multiplier, per offence type, labelled with the table's edition and price year. */
export function costOfCrime(
  volumes: readonly OffenceVolume[],
  table: UnitCostTable,
  costType = TOTAL_COST,
): CostOfCrime {
  const warnings: string[] = [];
  if (!table.complete)
    warnings.push(`unit costs come from a partial table (${table.edition}): figures are provisional`);
  const lines = volumes.map((v): CostLine => {
    if (!(v.recorded >= 0))
      throw new RangeError(`recorded offences must be 0 or more, got ${v.recorded} for ${v.offence}`);
    if (!(v.underReportingMultiplier >= 1))
      throw new RangeError(
        `under-reporting multiplier must be 1 or more, got ${v.underReportingMultiplier} for ${v.offence}`,
      );
    const estimatedOffences = v.recorded * v.underReportingMultiplier;
    const unit = table.costs.find(
      (c) => c.offence.toLowerCase() === v.offence.toLowerCase() && c.costType === costType,
    );
    if (!unit) {
      warnings.push(`no ${costType} for "${v.offence}" in ${table.edition}: left out of the total`);
      return {
        offence: v.offence,
        recorded: v.recorded,
        underReportingMultiplier: v.underReportingMultiplier,
        estimatedOffences,
        unitCost: null,
        cost: null,
      };
    }
    return {
      offence: unit.offence,
      recorded: v.recorded,
      underReportingMultiplier: v.underReportingMultiplier,
      estimatedOffences,
      unitCost: unit.unitCost,
      cost: estimatedOffences * unit.unitCost,
    };
  });
  return {
    total: lines.reduce((a, l) => a + (l.cost ?? 0), 0),
    lines,
    edition: table.edition,
    priceYear: table.priceYear,
    costType,
    provisional: !table.complete || lines.some((l) => l.cost === null),
    warnings,
  };
}
