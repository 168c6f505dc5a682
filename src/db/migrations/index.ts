import type { Migration } from 'kysely';
import * as m0001 from './0001_core.ts';
import * as m0002 from './0002_police_uk.ts';
import * as m0003 from './0003_mps.ts';
import * as m0004 from './0004_reference.ts';
import * as m0005 from './0005_partner.ts';
import * as m0006 from './0006_platform.ts';
import * as m0007 from './0007_analysis.ts';
import * as m0008 from './0008_ingest_speed.ts';
import * as m0009 from './0009_definition_counts.ts';
import * as m0010 from './0010_police_uk_borough_slices.ts';
import * as m0011 from './0011_partner_aggregate_month.ts';
import * as m0012 from './0012_police_uk_street_brin.ts';
import * as m0013 from './0013_police_uk_street_labels.ts';
import * as m0014 from './0014_total_notifiable_offences.ts';
import * as m0015 from './0015_import_partial_months.ts';
import * as m0016 from './0016_totp_last_step.ts';
import * as m0017 from './0017_reports.ts';
import * as m0018 from './0018_report_recommendations.ts';
import * as m0019 from './0019_performance.ts';
import * as m0020 from './0020_single_sign_on.ts';
import * as m0021 from './0021_delivery.ts';
import * as m0022 from './0022_governance.ts';
import * as m0023 from './0023_lineage.ts';
import * as m0024 from './0024_plan_evidence.ts';
import * as m0025 from './0025_audit_action_id.ts';
import * as m0026 from './0026_registers.ts';
import * as m0027 from './0027_panels.ts';
import * as m0028 from './0028_standing_indexes.ts';
import * as m0029 from './0029_count_slice_by_area.ts';
import * as m0030 from './0030_count_slice_by_series_prefix.ts';

/**
 * Every migration, in order. Files are never edited once merged: a change is a
 * new file. Listed by hand (not read from disk) so the set is the same under
 * tsx, a bundle or a test runner.
 */
export const migrations: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_police_uk': m0002,
  '0003_mps': m0003,
  '0004_reference': m0004,
  '0005_partner': m0005,
  '0006_platform': m0006,
  '0007_analysis': m0007,
  '0008_ingest_speed': m0008,
  '0009_definition_counts': m0009,
  '0010_police_uk_borough_slices': m0010,
  '0011_partner_aggregate_month': m0011,
  '0012_police_uk_street_brin': m0012,
  '0013_police_uk_street_labels': m0013,
  '0014_total_notifiable_offences': m0014,
  '0015_import_partial_months': m0015,
  '0016_totp_last_step': m0016,
  '0017_reports': m0017,
  '0018_report_recommendations': m0018,
  '0019_performance': m0019,
  '0020_single_sign_on': m0020,
  '0021_delivery': m0021,
  '0022_governance': m0022,
  '0023_lineage': m0023,
  '0024_plan_evidence': m0024,
  '0025_audit_action_id': m0025,
  '0026_registers': m0026,
  '0027_panels': m0027,
  '0028_standing_indexes': m0028,
  '0029_count_slice_by_area': m0029,
  '0030_count_slice_by_series_prefix': m0030,
};
