import { barChart } from '../../charts/barChart.ts';
import { lineChart } from '../../charts/lineChart.ts';
import type { BuiltReport } from '../builtReport.ts';

/**
 * A small built report for renderer tests, written by hand: two sections, narrative with every inline kind, a
 * headline table, a bar chart, a line chart and an unavailable figure. Its numbers are invented (SYNTHETIC) and
 * chosen to be easy to find in a rendered document: 9,812 / 30.5 / 1,234 / 17.3.
 */
export function sampleReport(edition: BuiltReport['edition'] = 'internal'): BuiltReport {
  const bars = barChart({
    id: 'victim-age',
    title: 'Victims by age, Tower Hamlets, 2023/24',
    bars: [
      { label: '0–17', value: 0.173, lower: 0.15, upper: 0.2, valueText: '17.3%' },
      { label: '18–24', value: 0.31, lower: 0.28, upper: 0.34, valueText: '31.0%' },
    ],
    domain: [0, 1],
    categoryHeading: 'Age',
    valueHeading: 'Share of victims',
  });
  const line = lineChart({
    id: 'robbery-trend',
    title: 'Robbery by month, Tower Hamlets',
    description: 'Robbery rose from 1,100 in April 2023 to 1,234 in March 2024.',
    xLabel: 'Month',
    yLabel: 'Offences',
    series: [
      {
        name: 'Robbery',
        points: [
          { label: 'Apr 2023', value: 1100 },
          { label: 'Mar 2024', value: 1234, flags: ['above the upper limit'] },
        ],
      },
    ],
    spc: { centre: 1150, lowerLimit: 1000, upperLimit: 1200 },
  });
  return {
    title: 'Serious violence strategic needs assessment',
    subtitle: 'Tower Hamlets, 2023/24 compared with 2022/23',
    templateId: 'sna',
    templateVersion: 1,
    area: { code: 'E09000030', name: 'Tower Hamlets' },
    period: '2023/24',
    compare: '2022/23',
    edition,
    marking: edition === 'public' ? 'OFFICIAL (PUBLIC EDITION)' : 'OFFICIAL',
    builtAt: '2026-12-06T12:00:00.000Z',
    asOf: {},
    extracts: { 'vap-headline': '2026-03-01', 'robbery-trend': '2026-03-01', 'victim-age': '2026-02-28' },
    sections: [
      {
        id: 'summary',
        number: '1',
        title: 'Executive summary',
        blocks: [
          {
            kind: 'narrative',
            id: 'summary-text',
            elements: [
              {
                kind: 'paragraph',
                content: [
                  { kind: 'text', text: 'Violence against the person: ' },
                  { kind: 'strong', text: '9,812 offences' },
                  { kind: 'text', text: ', ' },
                  { kind: 'em', text: '30.5 per 1,000 residents' },
                  { kind: 'text', text: ' (see ' },
                  {
                    kind: 'link',
                    text: 'the Duty guidance',
                    href: 'https://www.gov.uk/government/publications/serious-violence-duty',
                  },
                  { kind: 'text', text: ').' },
                ],
              },
              { kind: 'heading', level: 3, content: [{ kind: 'text', text: 'Key findings' }] },
              {
                kind: 'list',
                ordered: true,
                items: [
                  [{ kind: 'text', text: 'Robbery rose to 1,234.' }],
                  [{ kind: 'text', text: 'Young victims: 17.3%.' }],
                ],
              },
            ],
          },
          {
            kind: 'figure',
            id: 'vap-headline',
            label: 'Table 1',
            title: 'Violence against the person, Tower Hamlets, 2023/24',
            chart: null,
            table: {
              caption: 'Violence against the person, Tower Hamlets, 2023/24',
              head: ['Measure', 'Value', 'Lower 95% limit', 'Upper 95% limit'],
              rows: [
                ['Offences', '9,812', '', ''],
                ['Rate per 1,000 residents', '30.5', '29.9', '31.1'],
              ],
              numeric: [false, true, true, true],
            },
            statement: '9,812 offences, 30.5 per 1,000 residents (95% CI 29.9 to 31.1).',
            notes: [1],
            unavailable: null,
            suppressedCells: 0,
          },
        ],
      },
      {
        id: 'violence',
        number: '2',
        title: 'Violence profile',
        blocks: [
          {
            kind: 'figure',
            id: 'robbery-trend',
            label: 'Figure 1',
            title: line.title,
            chart: line,
            table: line.table,
            statement: null,
            notes: [1],
            unavailable: null,
            suppressedCells: 0,
          },
          {
            kind: 'figure',
            id: 'victim-age',
            label: 'Figure 2',
            title: bars.title,
            chart: bars,
            table: bars.table,
            statement: null,
            notes: [2],
            unavailable: null,
            suppressedCells: edition === 'public' ? 1 : 0,
          },
          {
            kind: 'figure',
            id: 'knife-injury',
            label: 'Table 2',
            title: 'Knife injury victims aged 1–24',
            chart: null,
            table: { caption: 'Knife injury victims aged 1–24', head: [], rows: [], numeric: [] },
            statement: null,
            notes: [],
            unavailable: 'no data for knife injury victims: no A&E extract covers 2023/24',
            suppressedCells: 0,
          },
        ],
      },
    ],
    notes: [
      {
        number: 1,
        usedBy: ['Table 1', 'Figure 1'],
        source: 'MPS borough counts (London Datastore)',
        extractDates: ['2026-03-01'],
        definition: 'category:Violence Against the Person',
        definitionVersion: null,
        method: 'Rate per 1,000 residents (Census 2021), 95% Byar limits',
        caveats: [],
      },
      {
        number: 2,
        usedBy: ['Figure 2'],
        source: 'Partner police records (SYNTHETIC)',
        extractDates: ['2026-02-28'],
        definition: 'Serious violence (Tower Hamlets)',
        definitionVersion: 3,
        method: 'Shares of victims with a recorded age, 95% Wilson limits',
        caveats: ['SYNTHETIC: partner records in this database are generated test data, not real people'],
      },
    ],
    annex: [
      {
        figure: 'Table 1',
        block: 'vap-headline',
        group: 'Tower Hamlets',
        count: 9812,
        rate: 30.5,
        lower: 29.9,
        upper: 31.1,
        shown: '9,812',
        method: 'Rate per 1,000 residents (Census 2021), 95% Byar limits',
        definition: 'category:Violence Against the Person',
        definitionVersion: null,
        source: 'MPS borough counts (London Datastore)',
        extractDate: '2026-03-01',
      },
      {
        figure: 'Figure 2',
        block: 'victim-age',
        group: '0–17',
        count: edition === 'public' ? null : 5,
        rate: null,
        lower: null,
        upper: null,
        shown: edition === 'public' ? '*' : '5',
        method: 'Shares of victims with a recorded age, 95% Wilson limits',
        definition: 'Serious violence (Tower Hamlets)',
        definitionVersion: 3,
        source: 'Partner police records (SYNTHETIC)',
        extractDate: '2026-02-28',
      },
    ],
    attribution: ['Contains public sector information licensed under the Open Government Licence v3.0'],
  };
}
