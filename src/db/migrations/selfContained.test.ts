import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * A migration runs the same statements whenever it runs: it may import kysely,
 * Node's built-in modules and files in this folder (its statement runner, a
 * frozen seed file beside it), nothing else. Code elsewhere (a catalogue, a
 * key function) changes after the migration is merged, and a database migrated
 * later would then differ from one migrated earlier.
 */
const DIR = dirname(fileURLToPath(import.meta.url));
const MIGRATION_FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .sort();

/** Every module specifier a source imports or re-exports, statically or with import(), as TypeScript reads them. */
function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** The specifiers of a source in `dir` that reach outside it: neither kysely, a Node built-in nor a file in `dir`. */
function outsideImports(dir: string, source: string): string[] {
  return importsOf(source).filter((spec) => {
    if (spec === 'kysely' || isBuiltin(spec)) return false;
    if (!spec.startsWith('./') && !spec.startsWith('../')) return true;
    return dirname(resolve(dir, spec)) !== dir;
  });
}

describe('migrations are self-contained', () => {
  it('reads the import lines TypeScript reads (multi-line, type-only, re-exports, import(), not strings or comments)', () => {
    const source = [
      "import type {\n  A,\n  B,\n} from '../../domain/a.ts';",
      "export * from '../b.ts';",
      "import seed from './seed.json' with { type: 'json' };",
      "const c = await import('../../ingest/c.ts');",
      "import 'node:fs';",
      'const text = "import d from \'../d.ts\'";',
      "// import e from '../e.ts';",
    ].join('\n');
    expect(importsOf(source)).toEqual(['../../domain/a.ts', '../b.ts', './seed.json', '../../ingest/c.ts', 'node:fs']);
    expect(outsideImports(DIR, source)).toEqual(['../../domain/a.ts', '../b.ts', '../../ingest/c.ts']);
    // A package other than kysely is outside too; a sibling file, kysely and node: built-ins are not.
    expect(outsideImports(DIR, "import { z } from 'zod';\nimport { sql } from 'kysely';\nimport './x.ts';")).toEqual([
      'zod',
    ]);
  });

  it('finds the migrations and their runner', () => {
    // 0001–0016, index.ts and runStatements.ts when this test was written; more may follow.
    expect(MIGRATION_FILES.length).toBeGreaterThanOrEqual(18);
    expect(MIGRATION_FILES).toContain('0003_mps.ts');
    expect(importsOf(readFileSync(join(DIR, '0003_mps.ts'), 'utf8'))).toEqual([
      'kysely',
      './runStatements.ts',
      './0003_mps.seed.json',
    ]);
  });

  it.each(MIGRATION_FILES)('%s imports nothing outside src/db/migrations but kysely and node built-ins', (file) => {
    expect(outsideImports(DIR, readFileSync(join(DIR, file), 'utf8'))).toEqual([]);
  });
});
