import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';
import { loadRegisters } from '../loadRegisters.ts';
import { removeExpiredPersonal } from './removeExpiredPersonal.ts';

/*
 * The scheduled retention job: `safer serve` runs it once when it starts and then once a day, so personal fields
 * go on the day after their retention ends without anyone remembering to. The panels' retention job
 * (src/panels/retention/dailyPanelsRetention.ts) runs on the same `scheduleDaily`; nothing else schedules jobs. The timer is unref'd, so it never keeps the process alive, and a failure is printed and tried again next day
 * (the job is one transaction: a failed run leaves nothing half done).
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Runs `job` once now and then once a day until stopped; a failure is the job's to report (it is retried next day). */
export function scheduleDaily(job: () => Promise<void>): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= job().finally(() => {
      running = undefined;
    });
  };
  const first = setTimeout(tick, 0);
  const timer = setInterval(tick, DAY_MS);
  first.unref();
  timer.unref();
  return {
    /** Stops the timer and waits for a run under way, so the database is not closed beneath it. */
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}

export function scheduleDailyRetention(db: Kysely<DB>, print: (line: string) => void): { stop(): Promise<void> } {
  return scheduleDaily(async () => {
    try {
      const run = await removeExpiredPersonal(db, await loadRegisters(), {
        now: new Date(),
        dryRun: false,
        actor: SYSTEM_ACTOR,
      });
      if (run.removed.length > 0)
        print(
          `Retention: removed the personal fields of ${run.removed.length} register ${run.removed.length === 1 ? 'entry' : 'entries'} (audited)`,
        );
    } catch (error) {
      print(`Retention: the daily run failed and will be tried tomorrow: ${(error as Error).message}`);
    }
  });
}
