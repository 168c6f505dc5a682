import { randomUUID } from 'node:crypto';
import { AnalysisError } from '../../src/analysis/figure.ts';
import type { AnalysisRequestInput } from '../../src/analysis/request.ts';
import { createApp } from '../../src/app.ts';
import { createApiToken } from '../../src/auth/apiTokens.ts';
import type { Actor } from '../../src/auth/policy.ts';
import { insertUser } from '../../src/auth/users.ts';
import type { Config } from '../../src/config.ts';
import { openDatabase } from '../../src/db/openDatabase.ts';
import { readerReportAnalyser } from '../../src/release/reportAnalysers.ts';
import { buildReport } from '../../src/reports/build/buildReport.ts';
import { reportPorts } from '../../src/reports/build/databasePorts.ts';
import type { ReportPorts } from '../../src/reports/build/reportPorts.ts';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../../src/reports/render/renderFormats.ts';
import { findTemplate, loadTemplates } from '../../src/reports/template/loadTemplates.ts';
import { services } from '../../src/services.ts';

export interface EngineFigures {
  engine: string;
  figures: number;
  apiMs: number;
  buildMs: number;
  renderMs: Record<ReportFormat, number>;
  peakRssBytes: number;
}

const REQUEST = { area: 'Tower Hamlets', period: '2023/24', compare: '2022/23', edition: 'internal' as const };

/** Builds and renders the SNA on one engine, after fetching the same figures one by one through the API. */
export async function measureEngine(engine: string, config: Config): Promise<EngineFigures> {
  process.stdout.write(`\n${engine}\n`);
  const database = await openDatabase(config);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  try {
    const template = findTemplate(await loadTemplates(), 'sna');
    const user = await insertUser(database.db, {
      email: `bench-${randomUUID()}@council.example`,
      agency: 'local_authority',
      role: 'analyst',
      password: null,
    });
    const actor: Actor = { id: user.id, email: user.email, agency: user.agency_code, role: user.role };
    const apiServices = services({ config, database });
    const definitions = await apiServices.definitions();
    const ports = reportPorts(database.db, definitions);

    // The inputs the report asks for, without computing them: every analysis answered "no data".
    const inputs: AnalysisRequestInput[] = [];
    const record: ReportPorts['analyse'] = async (input) => {
      inputs.push(input);
      throw new AnalysisError('NO_DATA', 'recording only');
    };
    await buildReport({ template, ...REQUEST }, { ...ports, analyse: record });

    const app = await createApp(apiServices);
    const { token } = await createApiToken(database.db, { userId: user.id, name: 'bench', scope: 'read' });
    let started = Date.now();
    for (const input of inputs) {
      const query = new URLSearchParams(
        Object.entries(input).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
      );
      const res = await app.inject({ url: `/api/v1/analysis?${query}`, headers: { authorization: `Bearer ${token}` } });
      if (res.statusCode >= 500) throw new Error(`API ${res.statusCode} for ${query}: ${res.body.slice(0, 200)}`);
    }
    const apiMs = Date.now() - started;
    await app.close();
    process.stdout.write(`  API, ${inputs.length} figures one by one: ${(apiMs / 1000).toFixed(1)} s\n`);

    // A fresh result cache, so the report computes every figure itself.
    const reportServices = services({ config, database });
    started = Date.now();
    const built = await buildReport(
      { template, ...REQUEST },
      { ...ports, analyse: readerReportAnalyser(reportServices, actor, 'internal') },
    );
    const buildMs = Date.now() - started;
    process.stdout.write(`  report figures: ${(buildMs / 1000).toFixed(1)} s\n`);
    const renderMs = {} as Record<ReportFormat, number>;
    for (const format of REPORT_FORMATS) {
      started = Date.now();
      const bytes = await renderReport(built, format, { chromiumPath: config.chromiumPath });
      renderMs[format] = Date.now() - started;
      process.stdout.write(
        `  ${format}: ${(renderMs[format] / 1000).toFixed(1)} s, ${(bytes.length / 1024).toFixed(0)} KiB\n`,
      );
    }
    return { engine, figures: inputs.length, apiMs, buildMs, renderMs, peakRssBytes: peak };
  } finally {
    clearInterval(sampler);
    await database.close();
  }
}
