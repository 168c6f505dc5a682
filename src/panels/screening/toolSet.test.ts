import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionsOf } from './toolSchema.ts';
import { readScreeningTools, ScreeningToolError } from './toolSet.ts';
import { SAMPLE_TOOL } from './testing/sampleTool.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'safer-screening-tools-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** Writes one file into a fresh folder and reads the folder. */
async function readOne(name: string, content: unknown) {
  const sub = await mkdtemp(join(dir, 'case-'));
  await writeFile(join(sub, name), typeof content === 'string' ? content : JSON.stringify(content));
  return { sub, read: () => readScreeningTools(sub) };
}

describe('screening tools', () => {
  it("the partnership's tool: 3 groups, 18 questions, 2 immediate flags, thresholds 5 and 10", async () => {
    const tool = (await readScreeningTools()).get('exploitation-screening');
    expect(tool?.version).toBe(1);
    expect(tool?.groups.map((g) => g.title)).toEqual([
      'Child criminal exploitation',
      'Child sexual exploitation',
      'Serious violence risk',
    ]);
    expect(questionsOf(tool!)).toHaveLength(18);
    expect(
      questionsOf(tool!)
        .filter((q) => q.flag === 'immediate')
        .map((q) => q.id),
    ).toEqual(['missing-found-elsewhere', 'carrying-weapon']);
    expect(tool?.levels).toEqual({ medium: 5, high: 10 });
  });

  it('a yes-no question without a weight: the error names the file and the field', async () => {
    const bad = structuredClone(SAMPLE_TOOL) as Record<string, unknown> & typeof SAMPLE_TOOL;
    delete (bad.groups[0]!.questions[1] as { weight?: number }).weight;
    const { sub, read } = await readOne('sample-tool.json', bad);
    await expect(read()).rejects.toThrow(
      new ScreeningToolError(
        `${join(sub, 'sample-tool.json')}: groups.0.questions.1.weight: a yes-no question gives its weight`,
      ),
    );
  });

  it('a question id used twice, thresholds the wrong way round, not JSON, a file not named after its id', async () => {
    const twice = structuredClone(SAMPLE_TOOL);
    twice.groups[1]!.questions[0]!.id = 'a';
    await expect((await readOne('sample-tool.json', twice)).read()).rejects.toThrow(
      /sample-tool\.json: groups\.1\.questions\.0\.id: question id "a" is used twice$/,
    );
    await expect(
      (await readOne('sample-tool.json', { ...SAMPLE_TOOL, levels: { medium: 10, high: 10 } })).read(),
    ).rejects.toThrow(/sample-tool\.json: levels\.high: the high threshold is above the medium one$/);
    await expect((await readOne('sample-tool.json', '{ "id": ')).read()).rejects.toThrow(/sample-tool\.json: not JSON/);
    await expect((await readOne('other.json', SAMPLE_TOOL)).read()).rejects.toThrow(
      /other\.json: the file is named after its id \(sample-tool\.json\)$/,
    );
  });
});
