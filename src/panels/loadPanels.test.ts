import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPanels, PANELS_DIR } from './loadPanels.ts';

describe('the panels as described in panels/*.json', () => {
  it('reads the five the partnership has, with MARAC’s DASH threshold of 14', async () => {
    const set = await loadPanels();
    expect(set.all.map((p) => p.id).sort()).toEqual(['iom', 'mace', 'marac', 'mash', 'young-adults']);
    expect(set.get('marac')?.criteria.find((c) => c.evidence === 'dash-score')?.minimum).toBe(14);
    expect(set.get('young-adults')?.ages).toEqual({ min: 18, max: 25 });
  });

  it('names the file and the field of a bad description, and refuses a second MASH', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'safer-panels-'));
    const mace = JSON.parse(await readFile(join(PANELS_DIR, 'mace.json'), 'utf8'));
    await writeFile(join(dir, 'mace.json'), JSON.stringify({ ...mace, triageHours: 0 }));
    await expect(loadPanels(dir)).rejects.toThrow(`${join(dir, 'mace.json')}: triageHours:`);
    await writeFile(join(dir, 'mace.json'), JSON.stringify({ ...mace, id: 'other' }));
    await expect(loadPanels(dir)).rejects.toThrow('the file is named after its id (other.json)');
    await writeFile(join(dir, 'mace.json'), '{');
    await expect(loadPanels(dir)).rejects.toThrow(/mace\.json: not JSON/);
    await writeFile(join(dir, 'mace.json'), JSON.stringify(mace));
    await copyFile(join(PANELS_DIR, 'mash.json'), join(dir, 'mash.json'));
    const second = JSON.parse(await readFile(join(PANELS_DIR, 'mash.json'), 'utf8'));
    await writeFile(join(dir, 'mash-east.json'), JSON.stringify({ ...second, id: 'mash-east' }));
    await expect(loadPanels(dir)).rejects.toThrow('more than one panel of kind "mash"');
  });
});
