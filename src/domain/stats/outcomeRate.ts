/**
 * Sanction detection (or positive outcome) rate = detections / offences in the
 * same period, as a percentage. It can exceed 100% (detections of earlier
 * offences) and is shown as it is; with no offences it is undefined (null).
 */
export function sanctionDetectionRate(detections: number, offences: number): number | null {
  if (!(detections >= 0) || !(offences >= 0))
    throw new RangeError(`counts must be 0 or more, got ${detections} and ${offences}`);
  return offences === 0 ? null : (detections / offences) * 100;
}
