import { DEFAULT_CONFIDENCE, formatConfidence, zForConfidence, type ConfidenceLevel } from './confidence.ts';

export interface ProportionEstimate {
  count: number;
  denominator: number;
  value: number;
  lower: number;
  upper: number;
  method: 'Wilson';
  confidence: string;
}

/**
 * Wilson score limits: (2x + z² ± z√(z² + 4x(1 − x/n))) / (2(n + z²)).
 * Non-integer x is allowed (funnel limits use n × benchmark). The limits stay
 * inside [0, 1]: 0 successes give a lower limit of exactly 0, n give an upper of 1.
 */
export function wilsonInterval(
  count: number,
  denominator: number,
  level: ConfidenceLevel = DEFAULT_CONFIDENCE,
): ProportionEstimate {
  if (!(denominator > 0)) throw new RangeError(`denominator must be above 0, got ${denominator}`);
  if (!(count >= 0 && count <= denominator))
    throw new RangeError(`count must be between 0 and the denominator ${denominator}, got ${count}`);
  const z = zForConfidence(level);
  const z2 = z * z;
  const spread = z * Math.sqrt(z2 + 4 * count * (1 - count / denominator));
  const base = 2 * count + z2;
  const scale = 2 * (denominator + z2);
  return {
    count,
    denominator,
    value: count / denominator,
    lower: count === 0 ? 0 : (base - spread) / scale,
    upper: count === denominator ? 1 : (base + spread) / scale,
    method: 'Wilson',
    confidence: formatConfidence(level),
  };
}
