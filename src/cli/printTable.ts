import type { CliContext } from './context.ts';

/** Prints rows as aligned plain-text columns. */
export function printTable(
  ctx: CliContext,
  headings: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): void {
  const text = rows.map((r) => r.map((c) => (c === null ? '' : String(c))));
  const widths = headings.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  ctx.out(`${[line(headings), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n')}\n`);
}
