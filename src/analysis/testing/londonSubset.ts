import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/**
 * Test helper: copies a real file keeping every line that is not a data row
 * (header, metadata) and the data rows `keep` accepts, so a test imports the
 * London (or one-year) part of a national file in seconds. Rows are copied
 * byte for byte; nothing is altered.
 */
export async function subsetOf(
  path: string,
  keep: (line: string, index: number) => boolean,
  name = basename(path).replace(/\.gz$/, ''),
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'safer-analysis-'));
  const out = join(dir, name);
  const input = path.endsWith('.gz') ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  const writer = createWriteStream(out);
  let index = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (keep(line, index++)) writer.write(`${line}\n`);
  }
  await new Promise<void>((resolve, reject) =>
    writer.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return out;
}

/** The codes of London's 2021 LSOAs, read from the ONS LSOA 2021 → ward → LAD lookup. */
export async function londonLsoas(lookupPath: string): Promise<Set<string>> {
  const codes = new Set<string>();
  for await (const line of createInterface({ input: createReadStream(lookupPath), crlfDelay: Infinity })) {
    const cells = line.replace(/^\uFEFF/, '').split(',');
    if (cells[6]?.startsWith('E09')) codes.add(cells[0]!);
  }
  return codes;
}
