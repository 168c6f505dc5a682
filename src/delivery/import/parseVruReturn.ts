import { htmlToText } from './htmlToText.ts';
import {
  type ParsedItem,
  type ParsedPlan,
  type ParsedTheme,
  PlanImportError,
  type UnplacedLine,
} from './parsedPlan.ts';
import { readThemeHeading, sameTheme, themeKey } from './themeTitles.ts';

/*
 * The London VRU's action-plan return as boroughs send it back (seed 001): tab-separated rows of a Word table.
 * - Each table starts with a "Ref" and/or "Theme" header row; a theme's heading may sit on any of its rows (Word
 *   centres merged cells), may be split over two rows, or stand on a line of its own with the theme column dropped.
 * - Core tables: theme | action no | wording | borough update. Optional tables add the current wording before the
 *   new one; rows whose number slipped into the theme column are read one column to the left.
 * - "EMERGING THEMES" ends the tables: its prose describes the section and each row is a theme with an update.
 * Rows without a number (notes such as "To note: …") are reported as unplaced with their line. Pure: no I/O.
 */

type Section = 'core' | 'optional' | 'emerging';
interface Block {
  section: Section;
  line: number;
  headingParts: string[];
  /** Where the theme's heading starts, for errors about it. */
  headingLine: number | null;
  rows: ParsedItem[];
}

const isNumber = (s: string) => /^\d+[a-z]?(\s*\(?[a-z]\))?$/i.test(s);
const isSeparator = (cells: string[]) => cells.every((c) => /^-*$/.test(c.trim()));

export function parseVruReturn(text: string, file: string): ParsedPlan {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.every((l) => l.trim() === '')) throw new PlanImportError(file, 1, 'the file is empty');
  const themes: ParsedTheme[] = [];
  const unplaced: UnplacedLine[] = [];
  let title: string | null = null;
  let ownerAgency: string | null = null;
  let section: Section | null = null;
  let block: Block | null = null;
  let emerging: ParsedTheme | null = null;

  const closeBlock = () => {
    if (block) placeBlock(block, themes, unplaced, file);
    block = null;
  };
  const openBlock = (at: number, s: Section) => {
    closeBlock();
    section = s;
    block = { section: s, line: at, headingParts: [], headingLine: null, rows: [] };
  };

  lines.forEach((raw, index) => {
    const line = index + 1;
    const cells = raw.split('\t').map((c) => c.trim());
    const first = cells[0] ?? '';
    if (raw.trim() === '' || isSeparator(cells)) return;
    if (/^EMERGING THEMES\b/i.test(first) && cells.length === 1) {
      closeBlock();
      section = 'emerging';
      emerging = { line, number: null, title: first.replace(/[:\s]+$/, ''), description: '', items: [] };
      themes.push(emerging);
      return;
    }
    if (section === 'emerging' && emerging) return readEmerging(emerging, cells, line, unplaced, file);
    if (first === 'Ref') return openBlock(line, section ?? 'core');
    if (/OPTIONAL ACTIONS|^Original Actions$/i.test(cells[2] ?? '')) return openBlock(line, 'optional');
    if (first === 'Theme') {
      const agency = /^(.+?)\s+Update$/i.exec(cells[3] ?? '');
      if (agency?.[1] && ownerAgency === null) ownerAgency = agency[1];
      return openBlock(line, section ?? 'core');
    }
    if (section === null || block === null) {
      if (cells.length === 1 && title === null) title = first;
      else unplaced.push({ line, text: raw.trim(), reason: 'before the first table' });
      return;
    }
    readRow(block, cells, line, unplaced, file);
  });
  closeBlock();
  if (!themes.some((t) => t.items.length > 0))
    throw new PlanImportError(file, 1, 'no VRU action table found: expected header rows "Theme, Action No, …"');
  title ??= 'VRU action plan return';
  const period = /\b(20\d\d(?:\s*[/-]\s*\d{2,4})?)\s*$/.exec(title)?.[1] ?? null;
  return { kind: 'vru-return', title, ownerAgency, period, themes, unplaced };
}

function readRow(block: Block, given: string[], line: number, unplaced: UnplacedLine[], file: string): void {
  const width = block.section === 'optional' ? 5 : 4;
  let cells = given;
  if (cells.length === 1) {
    block.headingLine ??= line;
    block.headingParts.push(cells[0] ?? '');
    return;
  }
  // The theme column dropped (its heading on a line of its own above), or the number slipped left into it.
  if (cells.length === width - 1 && isNumber(cells[0] ?? '')) cells = ['', ...cells];
  else if (isNumber(cells[0] ?? '') && !isNumber(cells[1] ?? '') && (cells[1] ?? '') !== '') cells = ['', ...cells];
  // Empty cells past the table's edge are Word's padding, not content.
  while (cells.length > width && cells.at(-1) === '') cells = cells.slice(0, -1);
  if (cells.length < width - 1 || cells.length > width)
    throw new PlanImportError(file, line, `cannot read this row: ${cells.length} cells where the table has ${width}`);
  const [theme = '', number = '', ...rest] = cells;
  if (theme !== '') {
    block.headingLine ??= line;
    block.headingParts.push(theme);
  }
  const [current = '', next = '', notes = ''] = block.section === 'optional' ? rest : ['', ...rest];
  const newWording = htmlToText(next);
  const oldWording = block.section === 'optional' ? htmlToText(current) : '';
  const update = htmlToText(block.section === 'optional' ? notes : (rest[1] ?? ''));
  const wording = newWording !== '' ? newWording : oldWording;
  if (!isNumber(number)) {
    const text = [number, current, next, notes].filter((c) => c !== '').join(' | ');
    if (text !== '') unplaced.push({ line, text, reason: 'no action number: not an action' });
    return;
  }
  if (wording === '') {
    unplaced.push({ line, text: number, reason: `action ${number} has no wording` });
    return;
  }
  block.rows.push({
    line,
    number,
    kind: 'action',
    category: block.section === 'optional' ? 'optional' : 'core',
    wording,
    oldWording: oldWording !== '' && oldWording !== wording ? oldWording : null,
    update,
    children: [],
  });
}

/** Puts a finished table's rows under its theme: a numbered heading makes a theme; an optional table joins one. */
function placeBlock(block: Block, themes: ParsedTheme[], unplaced: UnplacedLine[], file: string): void {
  const headingText = block.headingParts.join(' ');
  if (block.rows.length === 0) {
    if (headingText !== '' && block.section === 'core')
      throw new PlanImportError(file, block.headingLine ?? block.line, `theme "${headingText}" has no actions`);
    return;
  }
  if (headingText === '') {
    for (const r of block.rows)
      unplaced.push({ line: r.line, text: r.wording, reason: 'no theme heading for this table' });
    return;
  }
  const heading = readThemeHeading(headingText);
  let theme =
    block.section === 'optional'
      ? themes.find((t) => t.number !== null && sameTheme(heading.title, t.title))
      : themes.find((t) => themeKey(t.number, t.title) === themeKey(heading.number, heading.title));
  if (!theme) {
    theme = { line: block.line, number: heading.number, title: heading.title, description: '', items: [] };
    themes.push(theme);
  }
  for (const row of block.rows) {
    if (heading.newSection && row.category === 'core') row.category = 'new-section';
    theme.items.push(row);
  }
}

function readEmerging(theme: ParsedTheme, cells: string[], line: number, unplaced: UnplacedLine[], file: string) {
  const [heading = '', update = ''] = cells;
  if (cells.length === 1) {
    theme.description = theme.description === '' ? heading : `${theme.description}\n\n${heading}`;
    return;
  }
  if (heading === 'Theme') return;
  if (cells.length > 2)
    throw new PlanImportError(
      file,
      line,
      `cannot read this row: ${cells.length} cells where the emerging themes table has 2`,
    );
  if (heading === '') {
    if (update !== '') unplaced.push({ line, text: update, reason: 'an update with no emerging theme' });
    return;
  }
  theme.items.push({
    line,
    number: null,
    kind: 'action',
    category: 'emerging',
    wording: htmlToText(heading),
    oldWording: null,
    update: htmlToText(update),
    children: [],
  });
}
