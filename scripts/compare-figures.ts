/**
 * Proves every page and API answer gives the same figures before and after a
 * refactor: builds the demo database in two checkouts (a base ref, and this
 * checkout or another ref), serves both, sends the same fixed list of requests
 * (scripts/compareFigures/urls.ts) as three demo readers, normalises only what
 * legitimately differs between two runs (scripts/compareFigures/normalise.ts)
 * and compares the rest byte for byte. Exits 1 if any answer differs.
 *
 *   node bin/run-ts.js scripts/compare-figures.ts --base <ref> [--head <folder or ref>] [--serial]
 *   npm run compare-figures -- --base HEAD~3
 *
 * Both sides' answers are saved under bench/out/compare-figures/ to diff by hand.
 * See scripts/compareFigures/README.md.
 */
import { statfsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  folderCheckout,
  isFolder,
  refLabel,
  removeCheckout,
  worktreeCheckout,
  type Checkout,
} from './compareFigures/checkouts.ts';
import { comparableText, difference, isXlsx, metaText, type Answer } from './compareFigures/compare.ts';
import { NORMALISATIONS, normalise, type RunFacts } from './compareFigures/normalise.ts';
import { Side } from './compareFigures/side.ts';
import { probesFor, READERS, type Kind, type Probe } from './compareFigures/urls.ts';

const REPO = resolve(import.meta.dirname, '..');
const OUT_ROOT = join(REPO, 'bench/out/compare-figures');

const USAGE = `usage: node bin/run-ts.js scripts/compare-figures.ts --base <git ref> [--head <folder or git ref>] [--serial]
  --base    the version before the refactor (a commit, branch or tag), checked out with git worktree
  --head    the version after it: a folder used as it is (default: this checkout, with its working tree)
            or a ref, checked out like the base (use a committed ref if the working tree is mid-change)
  --serial  build the two demo databases one after the other (default: at the same time)
  --tmp     where the worktrees and data folders go (default: /dev/shm when it has room, else the system's)`;

const { values: args } = parseArgs({
  options: {
    base: { type: 'string' },
    head: { type: 'string' },
    serial: { type: 'boolean', default: false },
    tmp: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (args.help || !args.base) {
  console.log(USAGE);
  process.exit(args.help ? 0 : 2);
}

/**
 * Where the temporary worktrees and data folders go. A demo data folder is about 2 GB and every commit of
 * its import is fsynced (decision 0011); on a RAM disk that costs nothing, so /dev/shm is used when it has
 * room for both sides. Nothing about the figures depends on it.
 */
function tmpRoot(): string {
  if (args.tmp) return resolve(args.tmp);
  try {
    const fs = statfsSync('/dev/shm');
    if (fs.bavail * fs.bsize >= 8e9) return '/dev/shm';
  } catch {
    // No /dev/shm (macOS): the system's temporary folder.
  }
  return tmpdir();
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const EXT: Record<Kind, string> = { html: 'html', csv: 'csv', svg: 'svg', png: 'png', xlsx: 'xlsx', json: 'json' };

/** A file name for a probe: its number and its path in safe characters. */
const fileStem = (n: number, probe: Probe) =>
  `${String(n).padStart(3, '0')}-${probe.path
    .replace(/^\//, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, 180)}`;

/**
 * Saves what was compared, the same file name on both sides: status and compared headers, then the
 * normalised text. A PNG is saved as it came (its bytes are compared); an XLSX as it came in a folder
 * of its own (its zip bytes differ on every run), beside the cell values that are compared.
 */
async function save(
  dirs: { answers: string; files: string },
  stem: string,
  kind: Kind,
  answer: Answer,
  text: string | null,
) {
  const meta = metaText(answer);
  if (text === null) {
    await writeFile(join(dirs.answers, `${stem}.png`), answer.body);
    await writeFile(join(dirs.answers, `${stem}.png.headers.txt`), meta);
    return;
  }
  let ext: string = EXT[kind];
  if (kind === 'xlsx' && isXlsx(answer)) {
    await mkdir(dirs.files, { recursive: true });
    await writeFile(join(dirs.files, `${stem}.xlsx`), answer.body);
    ext = 'xlsx.txt';
  } else if (kind === 'xlsx' || kind === 'png') ext = 'html'; // a refusal page instead of the file
  await writeFile(join(dirs.answers, `${stem}.${ext}`), `${meta}\n${text}`);
  if (kind === 'json') {
    try {
      await writeFile(join(dirs.answers, `${stem}.pretty.json`), `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    } catch {
      // Not JSON: the .json file is enough.
    }
  }
}

/** What an answer is, for normalising: a refusal comes back as an HTML page (or JSON error) whatever was asked for. */
function answerKind(asked: Kind, answer: Answer): Kind {
  const type = answer.headers['content-type'] ?? '';
  if (type.startsWith('text/html')) return 'html';
  if (type.startsWith('application/json')) return 'json';
  return asked;
}

interface Difference {
  reader: string;
  path: string;
  why: string;
}

async function main(): Promise<number> {
  const started = Date.now();
  const tmp = await mkdtemp(join(tmpRoot(), 'safer-compare-figures-'));
  const checkouts: Checkout[] = [];
  const sides: Side[] = [];
  let cleaned = false;
  const cleanUp = async () => {
    if (cleaned) return;
    cleaned = true;
    await Promise.allSettled(sides.map((s) => s.stop()));
    for (const c of checkouts)
      await removeCheckout(REPO, c).catch((e) => console.error(`could not remove ${c.dir}: ${e}`));
    await rm(tmp, { recursive: true, force: true });
  };
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      interrupted = true;
      console.error(`\n${signal}: stopping servers and removing worktrees…`);
      void cleanUp().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });

  try {
    // 1. Checkouts: the base as a worktree; the head a folder as it is, or a worktree of a ref.
    const base = await worktreeCheckout(REPO, 'base', args.base!, tmp);
    checkouts.push(base);
    const headArg = args.head ?? REPO;
    const head = isFolder(headArg)
      ? folderCheckout('head', headArg)
      : await worktreeCheckout(REPO, 'head', headArg, tmp);
    checkouts.push(head);
    const describe = (c: Checkout) =>
      c.worktree
        ? `${c.asked} (${c.commit.slice(0, 10)}, worktree)`
        : `${c.dir} (HEAD ${c.commit.slice(0, 10)}${c.uncommitted ? ` + ${c.uncommitted} uncommitted files` : ''})`;
    console.log(`base: ${describe(base)}\nhead: ${describe(head)}\nworking folder: ${tmp}`);

    const baseLabel = refLabel(base.asked, base.commit);
    const outDirs = { base: join(OUT_ROOT, baseLabel), head: join(OUT_ROOT, 'head') };
    for (const dir of Object.values(outDirs)) await rm(dir, { recursive: true, force: true });

    // 2–3. Demo database, server and signed-in readers on each side.
    const buildStarted = Date.now();
    const baseSide = new Side(base, tmp);
    const headSide = new Side(head, tmp);
    sides.push(baseSide, headSide);
    if (args.serial) {
      await baseSide.prepare(READERS);
      await headSide.prepare(READERS);
    } else {
      // If one side cannot be built, the other is stopped at once rather than left to finish its import.
      const prepared = sides.map((side) =>
        side.prepare(READERS).catch(async (error: unknown) => {
          if (!side.stopped) await Promise.allSettled(sides.filter((s) => s !== side).map((s) => s.stop()));
          throw error;
        }),
      );
      const settled = await Promise.allSettled(prepared);
      const failed = settled.filter(
        (r, i): r is PromiseRejectedResult => r.status === 'rejected' && !sides[i]!.stopped,
      );
      if (failed.length > 0)
        throw new AggregateError(
          failed.map((f) => f.reason),
          'could not build and serve a side',
        );
      // Both stopped from outside (Ctrl-C, SIGTERM): nothing was built to compare.
      if (settled.some((r) => r.status === 'rejected')) throw new Error('stopped before both sides were ready');
    }
    const buildMs = Date.now() - buildStarted;
    const facts = (side: Side, other: Side): RunFacts => ({
      importDays: side.importDays,
      otherImportDays: other.importDays,
    });
    const baseFacts = facts(baseSide, headSide);
    const headFacts = facts(headSide, baseSide);

    // 4–5. Every probe as every reader, on both sides at once; normalise, compare, save.
    const requestsStarted = Date.now();
    const differences: Difference[] = [];
    const hits = { base: new Map<string, number>(), head: new Map<string, number>() };
    const paths = new Set<string>();
    let compared = 0;
    let identical = 0;
    const statuses = new Map<number, number>();
    for (const reader of READERS) {
      const probes = probesFor(reader);
      const readerStarted = Date.now();
      const dirs = {
        base: { answers: join(outDirs.base, reader.email), files: join(outDirs.base, 'xlsx-files', reader.email) },
        head: { answers: join(outDirs.head, reader.email), files: join(outDirs.head, 'xlsx-files', reader.email) },
      };
      await mkdir(dirs.base.answers, { recursive: true });
      await mkdir(dirs.head.answers, { recursive: true });
      for (const [i, probe] of probes.entries()) {
        if (interrupted) return 2; // the servers are going: no more requests, nothing to report
        paths.add(probe.path);
        compared++;
        const [a, b] = await Promise.allSettled([
          baseSide.fetch(probe, reader.email),
          headSide.fetch(probe, reader.email),
        ]);
        if (a.status === 'rejected' || b.status === 'rejected') {
          const why = [a, b]
            .map((r, s) => (r.status === 'rejected' ? `${s === 0 ? 'base' : 'head'}: ${r.reason}` : ''))
            .filter(Boolean)
            .join('; ');
          differences.push({ reader: reader.email, path: probe.path, why: `request failed: ${why}` });
          continue;
        }
        statuses.set(a.value.status, (statuses.get(a.value.status) ?? 0) + 1);
        const [rawA, rawB] = await Promise.all([
          comparableText(probe.kind, a.value),
          comparableText(probe.kind, b.value),
        ]);
        const na = rawA === null ? null : normalise(rawA, answerKind(probe.kind, a.value), baseFacts);
        const nb = rawB === null ? null : normalise(rawB, answerKind(probe.kind, b.value), headFacts);
        for (const [map, n] of [
          [hits.base, na],
          [hits.head, nb],
        ] as const)
          for (const [name, count] of n?.hits ?? []) map.set(name, (map.get(name) ?? 0) + count);
        const why = difference(answerKind(probe.kind, a.value), a.value, b.value, na?.text ?? null, nb?.text ?? null);
        if (why) differences.push({ reader: reader.email, path: probe.path, why });
        else identical++;
        const stem = fileStem(i + 1, probe);
        await save(dirs.base, stem, probe.kind, a.value, na?.text ?? null);
        await save(dirs.head, stem, probe.kind, b.value, nb?.text ?? null);
      }
      console.log(
        `${reader.email}: ${probes.length} requests in ${seconds(Date.now() - readerStarted)}, ${differences.filter((d) => d.reader === reader.email).length} different`,
      );
    }
    const requestsMs = Date.now() - requestsStarted;

    // 6. Summary.
    const lines: string[] = [];
    lines.push(`compare-figures: base ${describe(base)}`);
    lines.push(`                 head ${describe(head)}`);
    lines.push(`URLs: ${paths.size} distinct, ${compared} requests (${READERS.length} readers)`);
    lines.push(`statuses (base): ${[...statuses].map(([s, n]) => `${s} × ${n}`).join(', ')}`);
    lines.push(`identical: ${identical}`);
    lines.push(`different: ${differences.length}`);
    for (const d of differences) lines.push(`  ✗ [${d.reader}] ${d.path}\n      ${d.why}`);
    lines.push('normalisations applied (base / head):');
    for (const n of NORMALISATIONS)
      lines.push(`  ${n.name.padEnd(22)} ${hits.base.get(n.name) ?? 0} / ${hits.head.get(n.name) ?? 0}`);
    lines.push(
      `timings: demo build base ${seconds(baseSide.timings.demo ?? 0)}, head ${seconds(headSide.timings.demo ?? 0)}` +
        ` (both sides ready after ${seconds(buildMs)}${args.serial ? ', serial' : ', in parallel'});` +
        ` requests ${seconds(requestsMs)}; total ${seconds(Date.now() - started)}`,
    );
    lines.push(`answers saved in ${outDirs.base}\n             and ${outDirs.head}`);
    const summary = `${lines.join('\n')}\n`;
    process.stdout.write(`\n${summary}`);
    await writeFile(join(OUT_ROOT, `summary-${baseLabel}.txt`), summary);
    return differences.length === 0 ? 0 : 1;
  } finally {
    // Keep the build logs beside the answers, then remove worktrees, data folders and servers.
    for (const side of sides) {
      const dest = join(OUT_ROOT, `${side.checkout.side}-build.log`);
      await mkdir(OUT_ROOT, { recursive: true });
      await rm(dest, { force: true });
      await copyFile(side.logFile, dest).catch(() => undefined);
    }
    await cleanUp();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`compare-figures: ${error instanceof AggregateError ? error.errors.join('\n') : error}`);
    if (!args.head && error instanceof AggregateError)
      console.error('If the working tree is mid-change and fails to build, compare a committed version: --head <ref>.');
    process.exitCode = 2;
  },
);
