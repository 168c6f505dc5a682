import { describe, expect, it } from 'vitest';
import type { BuiltReport } from '../builtReport.ts';
import { ReportBuildError } from '../build/resolvePlace.ts';
import { sampleReport } from '../testing/sampleReport.ts';
import { buildJobKey, BuildJobs } from './buildJobs.ts';

const key = (reportId: number) =>
  buildJobKey({ reportId, version: 1, scope: 'analyst@police', edition: 'internal', dataVersion: 'd1' });

describe('report build jobs', () => {
  it('reports progress while running, then the built report; the same key gives the same job', async () => {
    const jobs = new BuildJobs();
    let release: (r: BuiltReport) => void = () => {};
    const job = jobs.start(key(1), (progress) => {
      progress(7, 19, 'vap-trend');
      return new Promise<BuiltReport>((resolve) => {
        release = resolve;
      });
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(job).toMatchObject({ status: 'running', done: 7, total: 19, block: 'vap-trend' });
    expect(jobs.start(key(1), () => Promise.reject(new Error('not started twice')))).toBe(job);
    release(sampleReport());
    await job.finished;
    expect(job.status).toBe('done');
    expect(job.report?.title).toBe(sampleReport().title);
  });

  it('keeps a failure with the block that failed, until forgotten', async () => {
    const jobs = new BuildJobs();
    const job = jobs.start(key(2), async () => {
      throw new ReportBuildError('vap', 'no definition called "x" is loaded');
    });
    await job.finished;
    expect(job.error).toEqual({ block: 'vap', message: 'vap: no definition called "x" is loaded' });
    expect(jobs.get(key(2))).toBe(job);
    jobs.forget(key(2));
    expect(jobs.get(key(2))).toBeUndefined();
  });

  it('keeps only the last N finished jobs, never dropping one still running', async () => {
    const jobs = new BuildJobs(2);
    const running = jobs.start(key(1), () => new Promise<BuiltReport>(() => {}));
    for (const id of [2, 3, 4]) await jobs.start(key(id), async () => sampleReport()).finished;
    expect(jobs.list().map((j) => j.key)).toEqual([running.key, key(4)]);
  });
});
