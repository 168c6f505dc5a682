import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';
import { scheduleDaily } from '../../registers/retention/dailyRetention.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import type { PanelSet } from '../loadPanels.ts';
import { removeExpiredCases } from './removeExpiredCases.ts';

/*
 * The panels' retention job on the registers' daily timer: `safer serve` starts it beside the registers' job, as
 * the system. The panels are read at each run and the key file only when something has expired, and a failure is printed and tried again the next day: the run is one transaction.
 */
export function scheduleDailyPanelsRetention(
  db: Kysely<DB>,
  sources: { panels: () => Promise<PanelSet>; ring: () => Promise<KeyRing> },
  print: (line: string) => void,
): { stop(): Promise<void> } {
  return scheduleDaily(async () => {
    try {
      const run = await removeExpiredCases(db, await sources.panels(), sources.ring, {
        now: new Date(),
        dryRun: false,
        actor: SYSTEM_ACTOR,
      });
      if (run.cases.length + run.referrals.length > 0)
        print(
          `Retention: removed the personal data of ${run.cases.length} panel ${run.cases.length === 1 ? 'case' : 'cases'} and ${run.referrals.length} ${run.referrals.length === 1 ? 'referral' : 'referrals'} closed without a case (audited)`,
        );
    } catch (error) {
      print(`Retention: the daily panels run failed and will be tried tomorrow: ${(error as Error).message}`);
    }
  });
}
