import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../auth/policy.ts';
import { actorOf, insertUser } from '../../auth/users.ts';
import { loadConfig } from '../../config.ts';
import { reportPdf } from '../../reports/render/pdf.ts';
import { breakGlass, recordCaseRead } from '../access/caseAccess.ts';
import { open, sealedKeyId } from '../crypto/fieldCipher.ts';
import { readKeyRing } from '../crypto/keyRing.ts';
import { readPerson } from '../people/person.ts';
import { createPanelFixture, type PanelFixture } from '../testing/panelTestDb.ts';
import { searchCases } from './caseSearch.ts';
import { KeyRotationError, keysInUse, resealAll, retireKeys, rotateKeys, writeKeyFile } from './rotateKeys.ts';
import { exportSubjectAccess, partnershipArea } from './subjectAccessExport.ts';
import { subjectAccessReport } from './subjectAccessReport.ts';
import { decideSubjectRequest, recordSubjectRequest, SubjectRequestError } from './subjectRequests.ts';
import { type SyntheticCase, syntheticAda, syntheticCase } from './testing/syntheticCase.ts';

/*
 * Information governance over SYNTHETIC people: Ada (MACE case, linked to Lin) and Bea (MACE case, linked to Lou),
 * both referred by the school nurse (health). The data owner is police's. Expected values are written out by hand.
 */

let f: PanelFixture;
let ada: SyntheticCase;
let bea: SyntheticCase;
let owner: Actor;
const NOW = new Date('2026-11-20T10:00:00Z');

beforeAll(async () => {
  f = await createPanelFixture();
  ada = await syntheticAda(f);
  bea = await syntheticCase(f.db, f.ring, f.people.nurse, {
    given: 'SyntheticBea',
    family: 'Betaworth',
    linkedGiven: 'SyntheticLou',
    linkedFamily: 'Deltaton',
    meetsOn: '2026-02-12',
  });
  owner = actorOf(
    await insertUser(f.db, { email: 'dpo@synthetic.test', agency: 'police', role: 'data_owner', password: null }),
  );
}, 120_000);
afterAll(async () => f?.t.drop());

describe('case search', () => {
  it('finds nothing for someone outside the panel, by case reference, person reference or name', async () => {
    for (const q of [ada.caseReference, ada.person.reference, 'Alphaworth', 'syntheticada alphaworth'])
      expect(await searchCases(f.db, f.people.councilOutsider, q, NOW)).toEqual([]);
  });

  it('finds the case for a member of its panel, by each', async () => {
    for (const q of [
      ada.caseReference,
      ada.person.reference.toLowerCase(),
      'alphaWORTH',
      'SyntheticAda Alphaworth',
      '  Alpha',
    ]) {
      const hits = await searchCases(f.db, f.people.macePolice, q, NOW);
      expect(hits.map((h) => h.reference)).toEqual([ada.caseReference]);
    }
    expect(await searchCases(f.db, f.people.macePolice, 'Zeta', NOW)).toEqual([]);
  });

  it('audits the length of the query, never its text', async () => {
    await searchCases(f.db, f.people.maceChildren, 'Alphaworth', NOW);
    const row = await f.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'case.search')
      .where('actor_user_id', '=', f.people.maceChildren.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.details)).toEqual({ queryLength: 10, kind: 'name', results: 1 });
  });
});

describe('subject access', () => {
  let json: string;
  it('holds everything on one person and nothing on another', async () => {
    await recordCaseRead(
      f.db,
      f.people.macePolice,
      { caseId: ada.caseId, panelId: 'mace', via: 'member', panelRole: 'member' },
      'page',
      undefined,
      NOW,
    );
    await breakGlass(f.db, f.people.councilOutsider, ada.caseId, 'SYNTHETIC: checking a sibling placement', NOW);
    const actor = { userId: owner.id, email: owner.email, agency: owner.agency };
    const record = await exportSubjectAccess(f.db, f.ring, actor, ada.person.reference, {
      releasingAgency: 'police',
      requestId: null,
      format: 'json',
      now: NOW,
    });
    if (!record) throw new Error('no record');
    json = JSON.stringify(record);
    expect(record.person).toMatchObject({
      reference: ada.person.reference,
      familyName: 'Alphaworth',
      special: { ethnicity: 'white-british', health: 'SYNTHETIC asthma of SyntheticAda' },
    });
    expect(record.referrals.map((r) => r.reference)).toEqual([ada.referralReference]);
    expect(record.referrals[0]).toMatchObject({
      lawfulBasis: 'public-task',
      consent: 'not-sought',
      referrer: { value: 'nurse@synthetic.test', redact: true },
    });
    // The reason names the linked person: marked, with the name found.
    expect(record.referrals[0]?.reason).toEqual({
      value: 'SYNTHETIC: seen with SyntheticLin near the station',
      redact: true,
      why: 'mentions a third party (SyntheticLin)',
    });
    expect(record.screenings.map((s) => [s.id, s.level, s.reasons])).toEqual([
      [ada.screeningId, 'high', ['SYNTHETIC: SyntheticAda missing overnight']],
    ]);
    const c = record.cases[0] as Record<string, unknown>;
    expect(record.cases.length).toBe(1);
    expect(c.reference).toBe(ada.caseReference);
    expect(c.links).toEqual([
      expect.objectContaining({
        person: {
          value: `SyntheticLin Gammaton (${ada.linked.reference})`,
          redact: true,
          why: 'third party: a linked person',
        },
      }),
    ]);
    expect(c.preparation).toEqual([
      expect.objectContaining({ content: 'SYNTHETIC preparation on Alphaworth', agency: 'health' }),
    ]);
    expect((c.risks as unknown[]).length).toBe(1);
    expect(c.agendaAppearances).toEqual([{ meetsOn: '2026-01-15', panel: 'mace', reason: 'new' }]);
    expect(record.breakGlassReads).toEqual([
      expect.objectContaining({ agency: 'local_authority', reason: 'SYNTHETIC: checking a sibling placement' }),
    ]);
    // Who read the case: the member's page read and the break glass, before this export.
    expect(record.auditTrail.map((a) => [a.action, a.about])).toEqual([
      ['case.read', ada.caseReference],
      ['case.break-glass', ada.caseReference],
    ]);
    for (const other of [
      'Betaworth',
      'SyntheticBea',
      bea.person.reference,
      bea.caseReference,
      bea.referralReference,
      'Deltaton',
    ])
      expect(json).not.toContain(other);
  });

  it('the export itself is audited: one case.read per case and one subject-request.export', async () => {
    const rows = await f.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id', 'details'])
      .where('actor_user_id', '=', owner.id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.action, r.subject_id])).toEqual([
      ['case.read', String(ada.caseId)],
      ['subject-request.export', String(ada.person.id)],
    ]);
    expect(JSON.parse(rows[0]?.details ?? '{}')).toMatchObject({ what: 'subject-access' });
  });

  it("the cover's area is the partnership's by name (migration 0001's boroughs), or its code when not held", async () => {
    expect(await partnershipArea(f.db, 'E09000030')).toEqual({ code: 'E09000030', name: 'Tower Hamlets' });
    expect(await partnershipArea(f.db, 'E09999999')).toEqual({ code: 'E09999999', name: 'E09999999' });
  });

  const chromium = loadConfig().chromiumPath;
  it.skipIf(!existsSync(chromium))(
    'the PDF marks redactions and has nothing of the other person',
    async () => {
      const record = JSON.parse(json);
      const pdf = await reportPdf(subjectAccessReport(record, await partnershipArea(f.db, 'E09000030')));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      let text: string;
      try {
        const dir = await mkdtemp(join(tmpdir(), 'sar-'));
        const file = join(dir, 'sar.pdf');
        await import('node:fs/promises').then((fs) => fs.writeFile(file, pdf));
        text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      } catch {
        return; // no pdftotext: the JSON check above stands
      }
      expect(text).toContain(ada.person.reference);
      expect(text).toContain('Tower Hamlets (E09000030)');
      expect(text).toContain('SYNTHETIC preparation on Alphaworth');
      // pdftotext breaks lines where the PDF does: compare with single spaces.
      expect(text.replace(/\s+/g, ' ')).toContain(
        'Redact before release: third party: a linked person — SyntheticLin Gammaton',
      );
      expect(text).not.toContain('[REDACT?');
      for (const other of ['Betaworth', 'SyntheticBea', bea.person.reference, bea.caseReference])
        expect(text).not.toContain(other);
    },
    120_000,
  );
});

describe('subject requests', () => {
  it('only a data owner records one', async () => {
    await expect(
      recordSubjectRequest(
        f.db,
        f.people.manager,
        { personReference: ada.person.reference, kind: 'access', receivedOn: '2026-11-01', details: 'SYNTHETIC' },
        NOW,
      ),
    ).rejects.toThrow(SubjectRequestError);
    await expect(
      recordSubjectRequest(
        f.db,
        owner,
        { personReference: ada.person.reference, kind: 'access', receivedOn: '2026-12-01', details: 'SYNTHETIC' },
        NOW,
      ),
    ).rejects.toThrow('receivedOn: the date received cannot be in the future');
    expect(await f.db.selectFrom('subject_request').select('id').execute()).toEqual([]);
  });

  it('refuses a decision by anyone but a data owner, and an erasure of a person not held', async () => {
    const id = await recordSubjectRequest(
      f.db,
      owner,
      {
        personReference: 'P-2222-2222',
        kind: 'erasure',
        receivedOn: '2026-11-01',
        details: 'SYNTHETIC: unknown person',
      },
      NOW,
    );
    await expect(
      decideSubjectRequest(f.db, f.ring, f.people.maceChair, id, { outcome: 'completed', reason: '' }, NOW),
    ).rejects.toThrow('only a data owner');
    await expect(
      decideSubjectRequest(f.db, f.ring, owner, id, { outcome: 'completed', reason: '' }, NOW),
    ).rejects.toThrow('person: Safer holds no person with that reference');
    const row = await f.db
      .selectFrom('subject_request')
      .select(['outcome', 'person_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ outcome: null, person_id: null });
    await decideSubjectRequest(
      f.db,
      f.ring,
      owner,
      id,
      { outcome: 'refused', reason: 'SYNTHETIC: no such person held' },
      NOW,
    );
  });

  it('a rectification with a future date of birth changes nothing', async () => {
    const id = await recordSubjectRequest(
      f.db,
      owner,
      { personReference: ada.person.reference, kind: 'rectification', receivedOn: '2026-11-02', details: 'SYNTHETIC' },
      NOW,
    );
    await expect(
      decideSubjectRequest(
        f.db,
        f.ring,
        owner,
        id,
        { outcome: 'completed', reason: '', corrections: { givenName: 'SyntheticNew', dateOfBirth: '2027-01-01' } },
        NOW,
      ),
    ).rejects.toThrow('dateOfBirth: the date of birth cannot be in the future');
    expect((await readPerson(f.db, f.ring, ada.person.id))?.givenName).toBe('SyntheticAda');
    expect(
      (await f.db.selectFrom('subject_request').select('outcome').where('id', '=', id).executeTakeFirstOrThrow())
        .outcome,
    ).toBeNull();
    await decideSubjectRequest(f.db, f.ring, owner, id, { outcome: 'refused', reason: 'SYNTHETIC: withdrawn' }, NOW);
  });

  it('rectification re-seals the special fields and audits field names only', async () => {
    const id = await recordSubjectRequest(
      f.db,
      owner,
      {
        personReference: ada.person.reference,
        kind: 'rectification',
        receivedOn: '2026-11-02',
        details: 'SYNTHETIC: the family name and health are wrong',
      },
      NOW,
    );
    const before = await f.db
      .selectFrom('person')
      .select('special_enc')
      .where('id', '=', ada.person.id)
      .executeTakeFirstOrThrow();
    await expect(
      decideSubjectRequest(f.db, f.ring, owner, id, { outcome: 'completed', reason: '' }, NOW),
    ).rejects.toThrow('corrections:');
    await decideSubjectRequest(
      f.db,
      f.ring,
      owner,
      id,
      {
        outcome: 'completed',
        reason: '',
        corrections: { familyName: 'Alphacorrected', health: 'SYNTHETIC none known' },
      },
      NOW,
    );
    const after = await f.db
      .selectFrom('person')
      .select(['special_enc', 'match_key'])
      .where('id', '=', ada.person.id)
      .executeTakeFirstOrThrow();
    expect(after.special_enc).not.toBe(before.special_enc);
    expect(after.match_key).toBe('alphacorrected|syntheticada|2010-04-01');
    expect(await readPerson(f.db, f.ring, ada.person.id)).toMatchObject({
      familyName: 'Alphacorrected',
      special: { ethnicity: 'white-british', health: 'SYNTHETIC none known' },
    });
    const audit = await f.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'person.update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toEqual({ fields: ['familyName', 'health'], subjectRequest: id });
    await expect(
      decideSubjectRequest(f.db, f.ring, owner, id, { outcome: 'refused', reason: 'again' }, NOW),
    ).rejects.toThrow('already been decided');
  });

  it('erasure removes the person and keeps the anonymous counts', async () => {
    const facts = async () =>
      Number(
        (
          await f.db
            .selectFrom('panel_fact')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const factsBefore = await facts();
    expect(factsBefore).toBe(4);
    const id = await recordSubjectRequest(
      f.db,
      owner,
      {
        personReference: bea.person.reference,
        kind: 'erasure',
        receivedOn: '2026-11-03',
        details: 'SYNTHETIC: erase me',
      },
      NOW,
    );
    await decideSubjectRequest(f.db, f.ring, owner, id, { outcome: 'completed', reason: '' }, NOW);
    expect(await facts()).toBe(factsBefore);
    expect(await f.db.selectFrom('person').select('id').where('id', '=', bea.person.id).execute()).toEqual([]);
    expect(
      await f.db.selectFrom('panel_case').select(['person_id', 'summary']).where('id', '=', bea.caseId).execute(),
    ).toEqual([{ person_id: null, summary: null }]);
    expect(await f.db.selectFrom('referral').select('person_id').where('id', '=', bea.referralId).execute()).toEqual([
      { person_id: null },
    ]);
    for (const table of ['case_preparation', 'case_risk', 'case_link'] as const)
      expect(await f.db.selectFrom(table).select('id').where('case_id', '=', bea.caseId).execute()).toEqual([]);
    // Two of the four facts were Bea's: their tokens are cleared, Ada's stay.
    const tokens = await f.db.selectFrom('panel_fact').select('source_token').execute();
    expect(tokens.filter((t) => t.source_token === null).length).toBe(2);
  });
});

describe('key rotation', () => {
  it('re-seals every field under the new key; retire is refused until then', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keys-'));
    const path = join(dir, 'case-keys.json');
    await writeKeyFile(path, f.ring);
    const half = f.ring.withNewCurrent('test-half');
    await expect(retireKeys(f.db, half)).rejects.toThrow(KeyRotationError);
    await expect(retireKeys(f.db, half)).rejects.toThrow('still sealed under "test-1"');
    const run = await rotateKeys(f.db, f.ring, path, {
      newKeyId: 'test-2',
      actor: { userId: null, email: 'cli:test', agency: '' },
      now: NOW,
    });
    // Ada, Lin and Lou remain (Bea erased): 3 people; Ada's one preparation.
    expect(run).toEqual({
      currentKey: 'test-2',
      resealed: { 'person.special_enc': 3, 'case_preparation.content_enc': 1 },
      retired: [],
    });
    const ring = await readKeyRing(path);
    expect(ring.ids.sort()).toEqual(['test-1', 'test-2']);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect([...(await keysInUse(f.db))]).toEqual([['test-2', 4]]);
    const prep = await f.db.selectFrom('case_preparation').select('content_enc').executeTakeFirstOrThrow();
    expect(sealedKeyId(prep.content_enc)).toBe('test-2');
    expect(open(ring.without(['test-1']), 'case_preparation.content_enc', prep.content_enc)).toBe(
      'SYNTHETIC preparation on Alphaworth',
    );
    expect((await readPerson(f.db, ring.without(['test-1']), ada.person.id))?.special.health).toBe(
      'SYNTHETIC none known',
    );
    expect(await resealAll(f.db, ring)).toEqual({ 'person.special_enc': 0, 'case_preparation.content_enc': 0 });
    const retired = await rotateKeys(f.db, ring, path, {
      retire: true,
      actor: { userId: null, email: 'cli:test', agency: '' },
      now: NOW,
    });
    expect(retired.retired).toEqual(['test-1']);
    expect((await readKeyRing(path)).ids).toEqual(['test-2']);
    expect(JSON.parse(await readFile(path, 'utf8')).current).toBe('test-2');
    const audit = await f.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'panels.keys.rotate')
      .orderBy('id')
      .execute();
    expect(audit.length).toBe(2);
  });
});
