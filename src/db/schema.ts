import type { CoreTables } from './tables/core.ts';
import type { MpsTables } from './tables/mps.ts';
import type { PartnerTables } from './tables/partner.ts';
import type { PoliceUkTables } from './tables/policeUk.ts';
import type { ReferenceTables } from './tables/reference.ts';
import type { PlatformTables } from './tables/platform.ts';
import type { AnalysisTables } from './tables/analysis.ts';
import type { ReportTables } from './tables/reports.ts';
import type { SingleSignOnTables } from './tables/singleSignOn.ts';
import type { PerformanceTables } from './tables/performance.ts';
import type { DeliveryTables } from './tables/delivery.ts';
import type { GovernanceTables } from './tables/governance.ts';
import type { LineageTables } from './tables/lineage.ts';
import type { PlanEvidenceTables } from './tables/planEvidence.ts';
import type { RegisterTables } from './tables/registers.ts';
import type { PanelTables } from './tables/panels.ts';

/** Every table Safer has, by capability. Each tables/ file is the typed twin of its migration. */
export interface DB
  extends CoreTables,
    PoliceUkTables,
    MpsTables,
    ReferenceTables,
    PartnerTables,
    PlatformTables,
    AnalysisTables,
    ReportTables,
    PerformanceTables,
    SingleSignOnTables,
    DeliveryTables,
    GovernanceTables,
    LineageTables,
    PlanEvidenceTables,
    RegisterTables,
    PanelTables {}
