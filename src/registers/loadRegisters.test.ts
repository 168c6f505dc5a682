import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegisters, RegisterDefinitionError } from './loadRegisters.ts';

describe('loadRegisters', () => {
  it('reads the eight registers the partnership keeps, each with its classification', async () => {
    const set = await loadRegisters();
    expect(Object.fromEntries(set.all.map((r) => [r.id, r.classification]))).toEqual({
      'community-tensions': 'restricted',
      'knife-bin-emptyings': 'partnership',
      'knife-bins': 'partnership',
      'locations-of-concern': 'restricted',
      'serious-incidents': 'restricted',
      'provision-services': 'partnership',
      'test-purchases': 'partnership',
      'weapon-sweeps': 'partnership',
    });
    expect(set.get('community-tensions')?.namedReadership).toBe(true);
  });

  const dirWith = (name: string, body: unknown) => {
    const dir = mkdtempSync(join(tmpdir(), 'safer-registers-'));
    writeFileSync(join(dir, name), typeof body === 'string' ? body : JSON.stringify(body));
    return dir;
  };
  const minimal = {
    id: 'x',
    version: 1,
    name: 'X',
    entryName: 'x',
    description: 'd',
    source: 's',
    classification: 'partnership',
    referencePrefix: 'XX',
    read: { roles: ['analyst'], agencies: 'any' },
    write: { roles: ['analyst'], agencies: 'any' },
    dateField: 'on',
    geometry: 'none',
    duplicateKey: ['on'],
    fields: [{ name: 'on', label: 'On', type: 'date', required: true }],
    measures: [{ id: 'n', label: 'N', kind: 'entries' }],
  };

  it('names the file and the field at fault', async () => {
    const dir = dirWith('x.json', {
      ...minimal,
      fields: [{ name: 'on', label: 'On', type: 'choice', required: true }],
    });
    await expect(loadRegisters(dir)).rejects.toThrow(
      `${join(dir, 'x.json')}: fields.0: field on: a choice field needs a vocabulary`,
    );
  });
  it('refuses a reference to a register that does not exist, and a file not named after its id', async () => {
    const ref = {
      ...minimal,
      fields: [...minimal.fields, { name: 'r', label: 'R', type: 'reference', register: 'nope' }],
    };
    await expect(loadRegisters(dirWith('x.json', ref))).rejects.toThrow('field r names no register nope');
    await expect(loadRegisters(dirWith('y.json', minimal))).rejects.toThrow('the file is named after its id (x.json)');
    await expect(loadRegisters(dirWith('x.json', '{'))).rejects.toBeInstanceOf(RegisterDefinitionError);
  });
});
