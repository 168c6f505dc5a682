import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setNamedReader } from '../readers.ts';
import { createRegisterFixture, type RegisterFixture } from '../testing/registerTestDb.ts';
import { importRegisterFile } from './importRegisterFile.ts';
import { exampleReferences, registerTemplate, templateCsv } from './registerTemplate.ts';

const NOW = new Date('2026-03-31T12:00:00Z');
let f: RegisterFixture;
let dir: string;
beforeAll(async () => {
  f = await createRegisterFixture(NOW);
  dir = await mkdtemp(join(tmpdir(), 'safer-register-template-'));
  await setNamedReader(f.db, f.people.manager, f.registers.get('community-tensions')!, f.people.policeAnalyst.id, true);
}, 120_000);
afterAll(async () => {
  await f?.t.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a register template', () => {
  it('names each field, a counts field per term and the place as the geometry allows', () => {
    const sweeps = registerTemplate(f.registers.get('weapon-sweeps')!, f.ctx);
    expect(sweeps.header).toEqual([
      'swept_on',
      'location',
      'team',
      'area_searched',
      'items.knife',
      'items.bladed article',
      'items.firearm',
      'items.other',
      'notes',
      'latitude',
      'longitude',
      'lsoa',
      'ward',
    ]);
    expect(sweeps.example.slice(0, 5)).toEqual([
      '2026-03-31',
      'SYNTHETIC example: location',
      'SYNTHETIC example: team',
      'SYNTHETIC example: area searched',
      '1',
    ]);
    expect(registerTemplate(f.registers.get('community-tensions')!, f.ctx).header.slice(-2)).toEqual(['lsoa', 'ward']);
    expect(registerTemplate(f.registers.get('knife-bin-emptyings')!, f.ctx).header).toEqual([
      'bin',
      'emptied_on',
      'items.knife',
      'items.bladed article',
      'items.firearm',
      'items.other',
    ]);
  });

  it("each register's example row imports cleanly (referenced registers first)", async () => {
    const order = [
      'knife-bins',
      'knife-bin-emptyings',
      'community-tensions',
      'serious-incidents',
      'weapon-sweeps',
      'test-purchases',
      'locations-of-concern',
      'provision-services',
    ];
    expect([...order].sort()).toEqual(f.registers.all.map((r) => r.id).sort());
    for (const id of order) {
      const register = f.registers.get(id)!;
      const readable = new Set(f.registers.all.map((r) => r.id));
      const template = registerTemplate(register, f.ctx, await exampleReferences(f.db, register, readable));
      const path = join(dir, `${id}.csv`);
      await writeFile(path, templateCsv(template));
      const r = await importRegisterFile(f.t.database, f.ctx, f.people.policeAnalyst, id, path);
      expect({ id, problems: r.problems, status: r.status, rows: r.rows }).toEqual({
        id,
        problems: [],
        status: 'imported',
        rows: 1,
      });
    }
  });
});
