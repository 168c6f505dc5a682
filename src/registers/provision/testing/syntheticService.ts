import type { ProvisionService } from '../provisionService.ts';

let next = 1;

/** A SYNTHETIC service for pure tests: only what the test names differs from an empty service. */
export function syntheticService(over: Partial<ProvisionService> & { name: string }): ProvisionService {
  const id = over.id ?? next++;
  return {
    id,
    reference: `PS-2026-${String(id).padStart(4, '0')}`,
    provider: 'SYNTHETIC provider',
    serviceType: 'prevention',
    needs: [],
    wholeBorough: false,
    wards: [],
    capacity: null,
    caseload: null,
    fundingSource: null,
    fundingEndsOn: null,
    evidenceImpact: null,
    evidenceStrength: null,
    evidenceSource: null,
    ...over,
  };
}
