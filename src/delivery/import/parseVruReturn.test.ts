import { describe, expect, it } from 'vitest';
import { parseVruReturn } from './parseVruReturn.ts';

/*
 * The layout quirks of a VRU return one at a time, on a small made-up return in seed 001's shape (the seed itself
 * is in importVruReturn.test.ts).
 */
const row = (...cells: string[]) => cells.join('\t');
const RETURN = [
  'Action Plans - 2024',
  row('Ref', '', 'Actions', 'Borough Notes'),
  row('Theme', 'Action No', 'Violence Reduction Unit (VRU) Action', 'Hackney Update'),
  // The heading in the middle of its rows (a merged cell), and split over two rows.
  row('', '1', 'First action.', 'Done.'),
  row('1. GOVERNANCE Making', '2', 'Second action.', ''),
  row('arrangements work', '3', 'Third action.', '<p>Para one.</p> <p>Para two.</p>'),
  row('Ref', '', '', ''),
  row('Theme', 'Action No', 'New wording', 'Update'),
  // The heading on a line of its own, its rows without the theme column.
  '2. ANALYSIS',
  row('1', 'Analyse.', 'Analysed.'),
  row('--', '---', '--', '---'),
  row('Theme', '', 'OPTIONAL ACTIONS - Current wording', 'New wording', 'Notes'),
  row('GOVERNANCE', '1', 'Hold an event.', 'Hold an annual event.', ''),
  // The number slipped into the theme column.
  row('2', 'Old words.', '', 'A note', ''),
  'EMERGING THEMES::',
  'Tell us about these.',
  row('Theme', 'BOROUGH UPDATES'),
  row('ONLINE HARMS', 'Work under way.'),
].join('\n');

describe('parseVruReturn', () => {
  const plan = parseVruReturn(RETURN, 'hackney.txt');

  it('reads the title, period and borough', () => {
    expect(plan).toMatchObject({ title: 'Action Plans - 2024', period: '2024', ownerAgency: 'Hackney', unplaced: [] });
  });

  it('puts rows under a heading found anywhere in their table, joined when split', () => {
    expect(plan.themes.map((t) => [t.number, t.title])).toEqual([
      ['1', 'GOVERNANCE Making arrangements work'],
      ['2', 'ANALYSIS'],
      [null, 'EMERGING THEMES'],
    ]);
    expect(plan.themes[0]?.items.map((i) => [i.category, i.number, i.wording, i.update])).toEqual([
      ['core', '1', 'First action.', 'Done.'],
      ['core', '2', 'Second action.', ''],
      ['core', '3', 'Third action.', 'Para one.\n\nPara two.'],
      ['optional', '1', 'Hold an annual event.', ''],
      ['optional', '2', 'Old words.', 'A note'],
    ]);
    expect(plan.themes[0]?.items[3]?.oldWording).toBe('Hold an event.');
    expect(plan.themes[1]?.items.map((i) => [i.number, i.wording, i.update])).toEqual([['1', 'Analyse.', 'Analysed.']]);
  });

  it('reads emerging themes with their description and updates', () => {
    expect(plan.themes[2]).toMatchObject({
      description: 'Tell us about these.',
      items: [{ number: null, category: 'emerging', wording: 'ONLINE HARMS', update: 'Work under way.' }],
    });
  });

  it('reports a row without a number as unplaced, with its line', () => {
    const withNote = RETURN.replace('2. ANALYSIS', `2. ANALYSIS\n${row('', '', 'To note: see section 8', 'N/A')}`);
    expect(parseVruReturn(withNote, 'x.txt').unplaced).toEqual([
      { line: 10, text: 'To note: see section 8 | N/A', reason: 'no action number: not an action' },
    ]);
  });
});
