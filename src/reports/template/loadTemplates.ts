import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ReportTemplate } from './templateSchema.ts';

/** The repository's templates/ folder: report templates as versioned JSON, like definitions/. */
export const TEMPLATES_DIR = resolve(import.meta.dirname, '../../../templates');

/** A template file that cannot be used, naming the file and the first problems. */
export class TemplateError extends Error {
  override name = 'TemplateError';
}

/**
 * Reads and validates every templates/*.json. A file that does not parse stops the load with its name and the
 * field at fault: a template is never half-loaded.
 */
export async function loadTemplates(dir: string = TEMPLATES_DIR): Promise<ReportTemplate[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const templates: ReportTemplate[] = [];
  for (const file of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(join(dir, file), 'utf8'));
    } catch (error) {
      throw new TemplateError(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const parsed = ReportTemplate.safeParse(raw);
    if (!parsed.success) {
      const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      throw new TemplateError(`${file}: not a valid report template: ${problems.join('; ')}`);
    }
    if (templates.some((t) => t.id === parsed.data.id && t.version === parsed.data.version))
      throw new TemplateError(`${file}: template ${parsed.data.id} version ${parsed.data.version} is defined twice`);
    templates.push(parsed.data);
  }
  return templates.sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
}

/** A template by id, the latest version unless one is asked for. */
export function findTemplate(templates: readonly ReportTemplate[], id: string, version?: number): ReportTemplate {
  const matching = templates.filter((t) => t.id === id && (version === undefined || t.version === version));
  const found = matching.at(-1);
  if (!found)
    throw new TemplateError(
      `no template "${id}"${version === undefined ? '' : ` version ${version}`}; templates: ${[...new Set(templates.map((t) => t.id))].join(', ')}`,
    );
  return found;
}
