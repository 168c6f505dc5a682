/**
 * CLI start-up: how long `safer --help` and `safer <command> --help` take, as a person waits for them,
 * against two baselines measured in the same run: Node starting and exiting (`node -e 0`), and Node
 * with tsx's loader registered (what every `safer` run pays before any Safer code). Target (issue 15):
 * under 0.5 s. Each is run SAFER_BENCH_RUNS times (default 7); the median is printed.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const runs = Number(process.env.SAFER_BENCH_RUNS ?? 7);
const node = process.execPath;

const cases: { label: string; args: string[] }[] = [
  { label: 'node -e 0 (baseline)', args: ['-e', '0'] },
  {
    label: 'node + tsx loader (baseline)',
    args: ['--input-type=module', '-e', "import { register } from 'tsx/esm/api'; register();"],
  },
  ...['--help', 'users --help', 'import --help', 'analyse --help', 'serve --help', 'demo --help', 'definitions'].map(
    (a) => ({
      label: `safer ${a}`,
      args: [resolve(root, 'bin/safer.js'), ...a.split(' ')],
    }),
  ),
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

process.stdout.write(
  `load average at start: ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}; ${runs} runs each\n`,
);
const rows: string[][] = [['command', 'median ms', 'min ms', 'vs node + tsx', 'under 500 ms']];
let tsxBaseline = 0;
for (const c of cases) {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const r = spawnSync(node, c.args, {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, SAFER_DATA_DIR: resolve(root, 'bench/out/cli-data') },
    });
    if (r.status !== 0) throw new Error(`${c.label} exited ${r.status}`);
    times.push(performance.now() - started);
  }
  const m = median(times);
  if (c.label.startsWith('node + tsx')) tsxBaseline = m;
  rows.push([
    c.label,
    m.toFixed(0),
    Math.min(...times).toFixed(0),
    tsxBaseline ? `${(m / tsxBaseline).toFixed(2)}×` : '',
    c.label.startsWith('safer') ? (m < 500 ? 'yes' : 'NO') : '',
  ]);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) process.stdout.write(`${r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}\n`);
