import type { BuiltReport, Edition } from '../builtReport.ts';
import { ReportBuildError } from '../build/resolvePlace.ts';

/*
 * Report builds run as jobs: a build asks for some twenty figures and takes seconds, so a page starts it, answers
 * at once with its progress, and is reloaded until it is done. The registry is in memory (one process serves the
 * pages; a restart only loses builds that can be started again) and keeps the last few jobs, so a reader who comes
 * back sees the finished build without waiting. Nothing here blocks: a build awaits the database.
 */

export type BuildStatus = 'running' | 'done' | 'failed';

export interface BuildJob {
  readonly key: string;
  status: BuildStatus;
  /** Figure blocks answered so far, of `total` (0 of 0 until the first progress report). */
  done: number;
  total: number;
  /** The figure block answered last, while running. */
  block: string | null;
  report: BuiltReport | null;
  /** Why the build failed, naming the block when the engine did (ReportBuildError). */
  error: { block: string | null; message: string } | null;
  readonly startedAt: Date;
  finishedAt: Date | null;
  /** Settles when the build ends; never rejects (a failure is in `error`). */
  readonly finished: Promise<BuildJob>;
}

/** What makes two builds the same: the report version, who reads it (their access scope), the edition and the data. */
export interface BuildKey {
  reportId: number;
  version: number;
  /** The reader's access scope (role@agency): readers in one scope are shown the same figures. */
  scope: string;
  edition: Edition;
  /** Changes on every import or undo, so a build never outlives the data it was made from. */
  dataVersion: string;
}

export const buildJobKey = (k: BuildKey): string =>
  `${k.reportId}/v${k.version}/${k.edition}/${k.scope}/${k.dataVersion}`;

export type Progress = (done: number, total: number, block: string) => void;

export class BuildJobs {
  private readonly jobs = new Map<string, BuildJob>();

  /** `keep`: how many jobs are remembered; the oldest finished ones are forgotten first. */
  constructor(private readonly keep = 20) {}

  get(key: string): BuildJob | undefined {
    return this.jobs.get(key);
  }

  /**
   * The job for `key`: the one already running or finished, else a new one running `build`. A failed job is kept
   * (its page says why) until `forget` clears it for another try.
   */
  start(key: string, build: (progress: Progress) => Promise<BuiltReport>, now = new Date()): BuildJob {
    const existing = this.jobs.get(key);
    if (existing) return existing;
    let settle: (job: BuildJob) => void = () => {};
    const finished = new Promise<BuildJob>((resolve) => {
      settle = resolve;
    });
    const job: BuildJob = {
      key,
      status: 'running',
      done: 0,
      total: 0,
      block: null,
      report: null,
      error: null,
      startedAt: now,
      finishedAt: null,
      finished,
    };
    this.jobs.set(key, job);
    this.trim();
    const progress: Progress = (done, total, block) => {
      job.done = done;
      job.total = total;
      job.block = block;
    };
    // Started on the next turn, so a build that fails at once still reaches the caller as a job, not a throw.
    void Promise.resolve()
      .then(() => build(progress))
      .then(
        (report) => {
          job.status = 'done';
          job.report = report;
        },
        (error: unknown) => {
          job.status = 'failed';
          job.error = {
            block: error instanceof ReportBuildError ? error.block : null,
            message: error instanceof Error ? error.message : String(error),
          };
        },
      )
      .finally(() => {
        job.finishedAt = new Date();
        settle(job);
      });
    return job;
  }

  /** Drops a finished job (a failed build to try again); a running one stays. */
  forget(key: string): void {
    if (this.jobs.get(key)?.status !== 'running') this.jobs.delete(key);
  }

  /** Jobs kept, oldest first. */
  list(): BuildJob[] {
    return [...this.jobs.values()];
  }

  private trim(): void {
    // Running jobs are never dropped: their pages are waiting for them.
    for (const [key, job] of this.jobs) {
      if (this.jobs.size <= this.keep) return;
      if (job.status !== 'running') this.jobs.delete(key);
    }
  }
}
