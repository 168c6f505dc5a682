import { describe, expect, it } from 'vitest';
import { sparkline } from './sparkline.ts';

const points = [
  { month: '2025-01', count: 4, flags: [] },
  { month: '2025-02', count: 10, flags: ['outside limits'] },
  { month: '2025-03', count: 7, flags: [] },
];

describe('sparkline', () => {
  it('plots counts inside a 240 × 56 box with 5 px padding (worked by hand: min 4 → y 51, max 10 → y 5, 7 → y 28)', () => {
    const chart = sparkline({ id: 'kcwi', subject: 'Knife crime with injury', points, centre: 7 });
    expect(chart.svg).toContain('viewBox="0 0 240 56"');
    expect(chart.svg).toContain('d="M5,51 L120,5 L235,28"');
    // The dashed centre line sits at the mean, 7 → y 28.
    expect(chart.svg).toMatch(/<line class="app-sparkline__centre" x1="5" x2="235" y1="28" y2="28"/);
    // One month is part of an SPC signal: one purple ring, on February.
    expect(chart.svg.match(/app-sparkline__signal/g)).toHaveLength(1);
    expect(chart.svg).toContain('cx="120" cy="5" r="3.5" fill="#ffffff" stroke="#4c2c92"');
    expect(chart.svg).not.toMatch(/style=/);
  });

  it('describes the key numbers and the signal months in words, and gives them as a table', () => {
    const chart = sparkline({ id: 'kcwi', subject: 'Knife crime with injury', points, centre: 7 });
    expect(chart.description).toBe(
      'Monthly count of knife crime with injury, Jan 2025 to Mar 2025: latest 7 (Mar 2025), lowest 4 (Jan 2025), highest 10 (Feb 2025). 1 month is part of an SPC signal (Feb 2025).',
    );
    expect(chart.table.rows).toEqual([
      ['Jan 2025', '4', 'none'],
      ['Feb 2025', '10', 'outside limits'],
      ['Mar 2025', '7', 'none'],
    ]);
    expect(chart.svg).toContain('<desc id="kcwi-desc">Monthly count of knife crime with injury');
  });

  it('escapes text and says when there is nothing to draw', () => {
    const chart = sparkline({ id: 'x', subject: 'A <b> & c', points: [] });
    expect(chart.description).toBe('No monthly counts of a <b> & c to show.');
    expect(chart.svg).toContain('A &lt;b&gt; &amp; c: monthly count');
    expect(chart.table.rows).toEqual([]);
  });

  it('a flat series draws a level line without dividing by zero', () => {
    const chart = sparkline({
      id: 'flat',
      subject: 'Homicide',
      points: [
        { month: '2025-01', count: 0, flags: [] },
        { month: '2025-02', count: 0, flags: [] },
      ],
    });
    expect(chart.svg).toContain('d="M5,51 L235,51"');
    expect(chart.description).toContain('No month is part of an SPC signal.');
  });
});
