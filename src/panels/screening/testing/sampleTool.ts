import { ScreeningTool } from '../toolSchema.ts';

/*
 * A small tool whose scores are easy to work out by hand: thresholds medium 5, high 10; yes-no weights
 * a 3, b 2, c 2, d 4, e 5 (an immediate flag), optional g 1; choice f: none 0, once 2, many 4.
 */
const yesNo = (id: string, weight: number, extra: Record<string, unknown> = {}) => ({
  id,
  text: `SYNTHETIC question ${id}?`,
  type: 'yes-no',
  required: true,
  weight,
  ...extra,
});

export const SAMPLE_TOOL = ScreeningTool.parse({
  id: 'sample-tool',
  version: 1,
  title: 'SYNTHETIC sample tool',
  source: 'test',
  intro: 'A tool for tests.',
  settings: [
    { id: 'school', label: 'School' },
    { id: 'other', label: 'Other' },
  ],
  groups: [
    {
      id: 'first',
      title: 'First group',
      guidance: 'Guidance one.',
      questions: [yesNo('a', 3), yesNo('b', 2), yesNo('c', 2)],
    },
    {
      id: 'second',
      title: 'Second group',
      guidance: 'Guidance two.',
      questions: [
        yesNo('d', 4),
        yesNo('e', 5, { flag: 'immediate' }),
        {
          id: 'f',
          text: 'SYNTHETIC question f?',
          type: 'choice',
          required: true,
          options: [
            { id: 'none', label: 'None', weight: 0 },
            { id: 'once', label: 'Once', weight: 2 },
            { id: 'many', label: 'Two or more', weight: 4 },
          ],
        },
        yesNo('g', 1, { required: false }),
      ],
    },
  ],
  levels: { medium: 5, high: 10 },
  routes: { low: 'advice', medium: 'early-help', high: 'mash' },
  rules: {
    immediate: { level: 'high', route: 'mash' },
    adults: { fromAge: 18, atLevel: 'high', route: 'panel' },
  },
});

/** Every required question answered 'no' (f: 'none'), then the given answers over them. */
export const answersWith = (over: Record<string, string> = {}): Record<string, string> => ({
  a: 'no',
  b: 'no',
  c: 'no',
  d: 'no',
  e: 'no',
  f: 'none',
  ...over,
});
