import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakGlass } from '../access/caseAccess.ts';
import { createPanelFixture, type PanelFixture } from '../testing/panelTestDb.ts';
import { type SubjectAccessRecord, subjectAccessRecord } from './subjectAccess.ts';
import { type SyntheticCase, syntheticAda } from './testing/syntheticCase.ts';

/*
 * Every third-party value in a SYNTHETIC subject access record carries the redaction mark, in the JSON itself:
 * SyntheticAda (the subject, referred by the school nurse, health) is linked to SyntheticLin Gammaton, and the
 * council outsider broke glass on her case giving a reason that names Lin. Third parties are Lin (names and
 * reference) and every member of staff (e-mail); the marked paths below were listed by hand from syntheticCase.ts.
 */

let f: PanelFixture;
let ada: SyntheticCase;
const NOW = new Date('2026-11-20T10:00:00Z');

beforeAll(async () => {
  f = await createPanelFixture();
  ada = await syntheticAda(f);
  await breakGlass(f.db, f.people.councilOutsider, ada.caseId, 'SYNTHETIC: SyntheticLin may be at risk too', NOW);
}, 120_000);
afterAll(async () => f?.t.drop());

interface Leaf {
  path: string;
  value: string;
  marked: boolean;
}

/** Every string in the record with its path, and whether it sits inside a { value, redact: true, why } mark. */
function leaves(v: unknown, path: string, marked = false): Leaf[] {
  if (typeof v === 'string') return [{ path, value: v, marked }];
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, `${path}[${i}]`, marked));
  if (typeof v !== 'object' || v === null) return [];
  const o = v as Record<string, unknown>;
  if (o.redact === true) {
    expect(Object.keys(o).sort(), path).toEqual(['redact', 'value', 'why']);
    expect(typeof o.why === 'string' && o.why.length > 0, path).toBe(true);
    return leaves(o.value, path, true);
  }
  return Object.entries(o).flatMap(([k, x]) => leaves(x, path ? `${path}.${k}` : k, marked));
}

const record = async (releasingAgency: string | null): Promise<SubjectAccessRecord> => {
  const r = await subjectAccessRecord(f.db, f.ring, ada.person.reference, { releasingAgency, now: NOW });
  if (!r) throw new Error('no record');
  return JSON.parse(JSON.stringify(r)) as SubjectAccessRecord; // as the JSON download carries it
};

describe('third parties in a subject access record', () => {
  it('marks every value that names a third party, and only those, when released for no one agency', async () => {
    const all = leaves(await record(null), '');
    const thirdParty = ['SyntheticLin', 'Gammaton', ada.linked.reference, '@synthetic.test'];
    const unmarkedThirdParty = all.filter((l) => !l.marked && thirdParty.some((t) => l.value.includes(t)));
    expect(unmarkedThirdParty).toEqual([]);
    expect(all.filter((l) => l.marked && !l.path.startsWith('auditTrail')).map((l) => l.path)).toEqual([
      'referrals[0].referrer',
      'referrals[0].reason',
      'screenings[0].completedBy',
      'cases[0].risks[0].recordedBy',
      'cases[0].links[0].person',
      'cases[0].links[0].addedBy',
      'cases[0].preparation[0].recordedBy',
      'breakGlassReads[0].who',
      'breakGlassReads[0].reason',
    ]);
    // The break glass's own audit row: who (an e-mail) and the reason naming Lin, both marked.
    expect(all.filter((l) => l.path.startsWith('auditTrail')).map((l) => [l.path, l.marked])).toEqual([
      ['auditTrail[0].at', false],
      ['auditTrail[0].action', false],
      ['auditTrail[0].about', false],
      ['auditTrail[0].who', true],
      ['auditTrail[0].agency', false],
      ['auditTrail[0].reason', true],
    ]);
  });

  it("leaves the subject's own details unmarked, wherever they appear", async () => {
    const all = leaves(await record(null), '');
    expect(all.filter((l) => l.path.startsWith('person.') && l.marked)).toEqual([]);
    const own = all.filter((l) => !l.marked && /SyntheticAda|Alphaworth/.test(l.value)).map((l) => l.path);
    expect(own).toEqual([
      'person.givenName',
      'person.familyName',
      'person.special.health',
      'screenings[0].reasons[0]',
      'cases[0].summary',
      'cases[0].preparation[0].content',
    ]);
  });

  it("released by health, health's own staff are not third parties; another agency's still are", async () => {
    const all = leaves(await record('health'), '');
    const nurse = all.filter((l) => l.value === f.people.nurse.email);
    expect(nurse.map((l) => l.path)).toEqual([
      'referrals[0].referrer',
      'screenings[0].completedBy',
      'cases[0].risks[0].recordedBy',
      'cases[0].links[0].addedBy',
      'cases[0].preparation[0].recordedBy',
    ]);
    expect(nurse.every((l) => !l.marked)).toBe(true);
    const outsider = all.filter((l) => l.value === f.people.councilOutsider.email);
    expect(outsider.map((l) => [l.path, l.marked])).toEqual([
      ['breakGlassReads[0].who', true],
      ['auditTrail[0].who', true],
    ]);
  });
});
