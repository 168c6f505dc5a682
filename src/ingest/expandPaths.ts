import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

/** Files that travel with others (shapefile parts) or describe them; skipped when a folder is imported. */
const COMPANION_EXTENSIONS = new Set(['.dbf', '.shx', '.prj', '.sbn', '.sbx', '.cpg', '.xml', '.md', '.txt']);

/**
 * Turns the paths given to `safer import` into files, in a stable order:
 * a folder contributes its files (recursively, sorted by name), skipping
 * companion files; a file named explicitly is always kept.
 */
export async function expandImportPaths(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) files.push(...(await filesUnder(path)));
    else files.push(path);
  }
  return files;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (!COMPANION_EXTENSIONS.has(extname(entry.name).toLowerCase())) out.push(full);
  }
  return out;
}
