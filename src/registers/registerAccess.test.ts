import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCounts } from './counts/registerCounts.ts';
import { listEntries } from './entryQueries.ts';
import { exportRegister } from './files/exportRegister.ts';
import { rightsFor } from './readers.ts';
import { RegisterRefusedError } from './registerErrors.ts';
import { createRegisterFixture, type Person, type RegisterFixture } from './testing/registerTestDb.ts';

/*
 * Who may do what with each of the eight registers, written out by hand from the issue and the registers' own
 * words (registers/*.json), then checked through the rights, the list query, the export and the counts. The
 * fixture's people: police, council and health analysts, a council viewer, a council partnership manager, a police
 * data owner and a council administrator. Nobody is named on the tension register's readership here.
 */
let f: RegisterFixture;
beforeAll(async () => {
  f = await createRegisterFixture(new Date('2026-03-31T12:00:00Z'));
}, 120_000);
afterAll(() => f?.t.drop());

const ALL_BUT_ADMIN: Person[] = [
  'policeAnalyst',
  'councilAnalyst',
  'healthAnalyst',
  'viewer',
  'manager',
  'policeOwner',
];
const POLICE_AND_COUNCIL_WRITERS: Person[] = ['policeAnalyst', 'councilAnalyst', 'manager', 'policeOwner'];
const ANALYSTS_MANAGERS_OWNERS: Person[] = [
  'policeAnalyst',
  'councilAnalyst',
  'healthAnalyst',
  'manager',
  'policeOwner',
];

const EXPECTED: Record<string, { read: Person[]; write: Person[]; personal: Person[] }> = {
  'weapon-sweeps': { read: ALL_BUT_ADMIN, write: POLICE_AND_COUNCIL_WRITERS, personal: [] },
  'knife-bins': { read: ALL_BUT_ADMIN, write: POLICE_AND_COUNCIL_WRITERS, personal: [] },
  'knife-bin-emptyings': { read: ALL_BUT_ADMIN, write: POLICE_AND_COUNCIL_WRITERS, personal: [] },
  'test-purchases': { read: ALL_BUT_ADMIN, write: POLICE_AND_COUNCIL_WRITERS, personal: [] },
  // A named readership: nobody until a partnership manager names them.
  'community-tensions': { read: [], write: [], personal: [] },
  'serious-incidents': { read: ANALYSTS_MANAGERS_OWNERS, write: POLICE_AND_COUNCIL_WRITERS, personal: [] },
  // The site contact is personal: managers and data owners of police, council and youth justice only.
  'locations-of-concern': {
    read: ANALYSTS_MANAGERS_OWNERS,
    write: POLICE_AND_COUNCIL_WRITERS,
    personal: ['manager', 'policeOwner'],
  },
  'provision-services': { read: ALL_BUT_ADMIN, write: ANALYSTS_MANAGERS_OWNERS, personal: [] },
};
const PEOPLE: Person[] = [...ALL_BUT_ADMIN, 'admin'];

describe.each(Object.entries(EXPECTED))('the %s register', (id, expected) => {
  it('gives each person the rights written out above; viewers never export; administrators get nothing', async () => {
    const register = f.registers.get(id)!;
    for (const person of PEOPLE) {
      const rights = await rightsFor(f.db, f.people[person], register);
      expect(
        { read: rights.read, write: rights.write, personal: rights.readPersonal, export: rights.export },
        `${id}, ${person}`,
      ).toEqual({
        read: expected.read.includes(person),
        write: expected.write.includes(person),
        personal: expected.personal.includes(person),
        export: expected.read.includes(person) && person !== 'viewer',
      });
    }
  });

  it('refuses its list and export to everyone outside its readership, and gives them counts only', async () => {
    const register = f.registers.get(id)!;
    for (const person of PEOPLE.filter((p) => !expected.read.includes(p))) {
      const actor = f.people[person];
      await expect(listEntries(f.db, actor, register), `${id}, ${person}`).rejects.toBeInstanceOf(RegisterRefusedError);
      await expect(
        exportRegister(f.db, actor, register, 'csv', { now: new Date() }),
        `${id}, ${person}`,
      ).rejects.toBeInstanceOf(RegisterRefusedError);
      const counts = registerCounts(f.db, actor, register, register.measures[0]!.id, {
        from: '2026-01-01',
        to: '2026-03-31',
        by: 'none',
      });
      if (person === 'admin') await expect(counts, `${id}, admin`).rejects.toBeInstanceOf(RegisterRefusedError);
      else expect((await counts).access, `${id}, ${person}`).toBe('suppressed');
    }
  });
});

describe('exports', () => {
  it('are refused to a viewer even of a register the viewer reads', async () => {
    const sweeps = f.registers.get('weapon-sweeps')!;
    expect((await rightsFor(f.db, f.people.viewer, sweeps)).read).toBe(true);
    await expect(exportRegister(f.db, f.people.viewer, sweeps, 'csv', { now: new Date() })).rejects.toBeInstanceOf(
      RegisterRefusedError,
    );
  });
});
