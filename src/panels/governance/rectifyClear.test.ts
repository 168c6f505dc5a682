import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../auth/policy.ts';
import { actorOf, insertUser } from '../../auth/users.ts';
import { insertPerson, type Person, readPerson } from '../people/person.ts';
import { createPanelFixture, type PanelFixture } from '../testing/panelTestDb.ts';
import { decideSubjectRequest, Decision, recordSubjectRequest } from './subjectRequests.ts';

/*
 * Clearing a special category field by rectification, on a SYNTHETIC person holding health and other: an explicit
 * choice (`clear`), apart from leaving a field unchanged; audited by field name as cleared, never with a value.
 */

let f: PanelFixture;
let owner: Actor;
let person: Person;
const NOW = new Date('2026-11-20T10:00:00Z');
const HEALTH = 'SYNTHETIC asthma of SyntheticCy';
const OTHER = 'SYNTHETIC faith of SyntheticCy';

beforeAll(async () => {
  f = await createPanelFixture();
  owner = actorOf(
    await insertUser(f.db, { email: 'dpo@synthetic.test', agency: 'police', role: 'data_owner', password: null }),
  );
  person = await f.db.transaction().execute((trx) =>
    insertPerson(
      trx,
      f.ring,
      {
        givenName: 'SyntheticCy',
        familyName: 'Clearworth',
        dateOfBirth: '2009-06-01',
        sex: 'not-known',
        special: { ethnicity: 'not-stated', health: HEALTH, other: OTHER },
      },
      owner.id,
    ),
  );
}, 120_000);
afterAll(async () => f?.t.drop());

const rectification = () =>
  recordSubjectRequest(
    f.db,
    owner,
    { personReference: person.reference, kind: 'rectification', receivedOn: '2026-11-02', details: 'SYNTHETIC' },
    NOW,
  );
const special = async () => (await readPerson(f.db, f.ring, person.id))?.special;
const sealed = async () =>
  (await f.db.selectFrom('person').select('special_enc').where('id', '=', person.id).executeTakeFirstOrThrow())
    .special_enc;
const updates = async () =>
  (
    await f.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'person.update')
      .where('subject_id', '=', String(person.id))
      .orderBy('id')
      .execute()
  ).map((a) => a.details);

describe('clearing a special category field', () => {
  it('refuses a value and a clear for the same field, changing nothing', async () => {
    const id = await rectification();
    const before = await sealed();
    const both = { outcome: 'completed', reason: '', corrections: { health: 'SYNTHETIC x', clear: ['health'] } };
    const parsed = Decision.safeParse(both);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['corrections.health', 'either correct health or clear it, not both'],
    ]);
    await expect(decideSubjectRequest(f.db, f.ring, owner, id, both as Decision, NOW)).rejects.toThrow(
      'health: either correct health or clear it, not both',
    );
    expect(await sealed()).toBe(before);
    expect(await updates()).toEqual([]);
    const request = await f.db.selectFrom('subject_request').select('outcome').where('id', '=', id).executeTakeFirst();
    expect(request?.outcome).toBeNull();
    expect(Decision.safeParse({ outcome: 'completed', corrections: { clear: ['ethnicity'] } }).success).toBe(false);
    await decideSubjectRequest(f.db, f.ring, owner, id, { outcome: 'refused', reason: 'SYNTHETIC: withdrawn' }, NOW);
  });

  it('clears health, leaving other as it was; the audit says "cleared" and holds no value', async () => {
    const id = await rectification();
    const decision = Decision.parse({ outcome: 'completed', corrections: { clear: ['health'] } });
    await decideSubjectRequest(f.db, f.ring, owner, id, decision, NOW);
    expect(await special()).toEqual({ ethnicity: 'not-stated', other: OTHER });
    const audit = await updates();
    expect(audit.map((d) => JSON.parse(d))).toEqual([{ fields: ['health'], cleared: ['health'], subjectRequest: id }]);
    expect(audit.join('')).not.toContain('asthma');
  });

  it('clears other too; clearing what is already blank is "nothing differs"', async () => {
    const id = await rectification();
    await expect(
      decideSubjectRequest(
        f.db,
        f.ring,
        owner,
        id,
        { outcome: 'completed', reason: '', corrections: { clear: ['health'] } },
        NOW,
      ),
    ).rejects.toThrow('corrections: nothing differs from what is held');
    await decideSubjectRequest(
      f.db,
      f.ring,
      owner,
      id,
      { outcome: 'completed', reason: '', corrections: { givenName: 'SyntheticCyra', clear: ['other'] } },
      NOW,
    );
    expect(await readPerson(f.db, f.ring, person.id)).toMatchObject({
      givenName: 'SyntheticCyra',
      special: { ethnicity: 'not-stated' },
    });
    expect((await special())?.other).toBeUndefined();
    const audit = await updates();
    expect(JSON.parse(audit[1] ?? '{}')).toEqual({
      fields: ['givenName', 'other'],
      cleared: ['other'],
      subjectRequest: id,
    });
    expect(audit.join('')).not.toContain('faith');
  });

  it('a correction with no clear leaves the special fields unchanged', async () => {
    const id = await rectification();
    const before = await sealed();
    await decideSubjectRequest(
      f.db,
      f.ring,
      owner,
      id,
      { outcome: 'completed', reason: '', corrections: { familyName: 'Clearcorrected' } },
      NOW,
    );
    expect(await sealed()).toBe(before);
    expect(JSON.parse((await updates())[2] ?? '{}')).toEqual({ fields: ['familyName'], subjectRequest: id });
  });
});
