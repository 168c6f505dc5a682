import type { Raw } from '../../entryValues.ts';

/** A SYNTHETIC service as a form or CSV row gives it (register field names); only what the test names differs. */
export const serviceRow = (over: Record<string, string>): Raw => ({
  name: 'SYNTHETIC service',
  provider: 'SYNTHETIC Trust',
  provider_kind: 'voluntary organisation',
  description: 'SYNTHETIC: invented for a test',
  service_type: 'prevention',
  needs: 'knife crime',
  started_on: '2025-04-01',
  ...over,
});

/** Tower Hamlets 2018 wards used by the provision tests (codes and names from the published outlines). */
export const WARDS = {
  spitalfields: { code: 'E05009333', name: 'Spitalfields & Banglatown' },
  mileEnd: { code: 'E05009327', name: 'Mile End' },
} as const;
