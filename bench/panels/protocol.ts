/** What bench/panels' parent (index.ts) and the app's process (server.ts) share. */
import type { AgendaCounts } from '../../src/panels/panel/agenda.ts';

export interface PanelsServerReady {
  base: string;
  accounts: { email: string; token: string }[];
  preparedSeconds: number;
  loaded: { cases: number; openMace: number; actions: number; seconds: number };
  /** buildPanelAgenda for the next MACE meeting, timed three times (ms), and what the agenda held. */
  agenda: { ms: number[]; counts: AgendaCounts };
  /** MACE cases every bench person may read (they all sit on MACE). */
  casePaths: string[];
}
