/**
 * Loads bench/panels' SYNTHETIC casework straight into the tables with multi-row INSERTs (1,000 rows each; the
 * same on PostgreSQL and PGlite): a person per case (special fields sealed, as insertPerson seals them), a
 * referral per case, the case, a risk and ten actions per case. Cases are spread over the four panels; MACE holds
 * 8,000 of the 20,000, 2,000 of them open with mixed review dates (15% never heard, 5% escalated, the rest due
 * for review between 30 days ago and 60 days ahead), so a MACE agenda has several hundred items to order. Actions
 * are owned in turn by `owners` (the bench: its five members and 45 other practitioners, so each member owns 4,000
 * actions, some hundreds of them open, rather than a fifth of all 200,000).
 */
import type { Insertable, Kysely } from 'kysely';
import type { Actor } from '../../src/auth/policy.ts';
import type { DB } from '../../src/db/schema.ts';
import { sealJson } from '../../src/panels/crypto/fieldCipher.ts';
import type { KeyRing } from '../../src/panels/crypto/keyRing.ts';
import { addDays, at } from '../../src/panels/demo/demoDays.ts';
import { SyntheticPeople } from '../../src/panels/demo/syntheticPeople.ts';
import { matchKey, SPECIAL_CONTEXT } from '../../src/panels/people/person.ts';
import { newReference } from '../../src/panels/references.ts';
import { Prng } from '../../src/synth/prng.ts';

const CHUNK = 1000;
/** Case pages driven: few enough that each connection reaches every one within a few seconds. */
const SAMPLE = 6;

/** Per panel: cases, how many open, ages. MACE first: it is the agenda measured. */
export const BENCH_PANELS = [
  { id: 'mace', share: 0.4, open: 0.25, ages: { min: 10, max: 17 }, mash: true },
  { id: 'marac', share: 0.25, open: 0.2, ages: { min: 18, max: 55 }, mash: false },
  { id: 'iom', share: 0.15, open: 0.2, ages: { min: 18, max: 40 }, mash: false },
  { id: 'young-adults', share: 0.2, open: 0.2, ages: { min: 18, max: 25 }, mash: true },
] as const;

async function insertChunks<T extends keyof DB>(
  db: Kysely<DB>,
  table: T,
  rows: Insertable<DB[T]>[],
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const out = await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .returning('id' as never)
      .execute();
    for (const r of out as unknown as { id: number }[]) ids.push(r.id);
  }
  return ids;
}

const uniqueReferences = (kind: 'P' | 'R' | 'C', n: number): string[] => {
  const seen = new Set<string>();
  while (seen.size < n) seen.add(newReference(kind));
  return [...seen];
};

export interface Loaded {
  cases: number;
  openMace: number;
  actions: number;
  seconds: number;
  /** A few random MACE case ids (open and closed) for the case page. */
  sampleMace: number[];
}

export async function loadCasework(
  db: Kysely<DB>,
  ring: KeyRing,
  o: { members: Actor[]; referrers: Actor[]; owners?: Actor[]; cases: number; actionsPerCase: number; now: Date },
): Promise<Loaded> {
  const started = performance.now();
  const rng = new Prng(2021);
  const today = o.now.toISOString().slice(0, 10);
  const gen = new SyntheticPeople(2021);
  const plan = BENCH_PANELS.flatMap((p) =>
    Array.from({ length: Math.round(o.cases * p.share) }, (_, i) => ({
      panel: p,
      open: i < Math.round(o.cases * p.share * p.open),
    })),
  );
  const personRefs = uniqueReferences('P', plan.length);
  const referralRefs = uniqueReferences('R', plan.length);
  const caseRefs = uniqueReferences('C', plan.length);
  const opened = plan.map((c) => addDays(today, -(c.open ? rng.between(10, 200) : rng.between(200, 1500))));
  const people = plan.map((c, i) => gen.next({ ages: c.panel.ages, on: opened[i]! }));
  const referrer = () => o.referrers[rng.between(0, o.referrers.length - 1)]!;
  const personIds = await insertChunks(
    db,
    'person',
    people.map((p, i) => ({
      reference: personRefs[i]!,
      given_name: p.givenName,
      family_name: p.familyName,
      date_of_birth: p.dateOfBirth,
      sex: p.sex,
      match_key: matchKey(p),
      special_enc: sealJson(ring, SPECIAL_CONTEXT, p.special),
      created_by: o.referrers[0]!.id,
    })),
  );
  const referrers = plan.map(() => referrer());
  const referralIds = await insertChunks(
    db,
    'referral',
    plan.map((c, i) => ({
      reference: referralRefs[i]!,
      person_id: personIds[i]!,
      panel_id: c.panel.mash ? 'mash' : c.panel.id,
      referrer_id: referrers[i]!.id,
      referrer_agency: referrers[i]!.agency,
      reason: 'SYNTHETIC bench referral',
      lawful_basis: 'public-task',
      special_condition: 'sch1-18-safeguarding',
      consent: 'given' as const,
      status: 'sent-to-panel' as const,
      triaged_at: at(opened[i]!, 15),
      triaged_by: o.members[0]!.id,
      triage_decision: c.panel.id,
      created_at: at(addDays(opened[i]!, -1), 11),
    })),
  );
  const caseIds = await insertChunks(
    db,
    'panel_case',
    plan.map((c, i) => {
      const r = rng.next();
      const heard = !c.open || r >= 0.15;
      const review = c.open && heard ? addDays(today, rng.between(-30, 60)) : null;
      return {
        reference: caseRefs[i]!,
        panel_id: c.panel.id,
        person_id: personIds[i]!,
        referral_id: referralIds[i]!,
        status: c.open ? ('open' as const) : ('closed' as const),
        allocated_to: rng.chance(0.1) ? o.members[rng.between(0, o.members.length - 1)]!.id : null,
        summary: 'SYNTHETIC bench case',
        escalated: c.open && r >= 0.15 && r < 0.2,
        opened_at: at(opened[i]!, 16),
        first_heard_on: heard ? addDays(opened[i]!, 14) : null,
        review_on: review,
        outcome: c.open ? null : 'risk-reduced',
        closed_at: c.open ? null : at(addDays(opened[i]!, 120), 17),
        closure_reason: c.open ? null : 'risk-reduced',
      };
    }),
  );
  await insertChunks(
    db,
    'case_risk',
    caseIds.map((id) => ({
      case_id: id,
      risk: 'SYNTHETIC bench risk',
      level: 'high' as const,
      recorded_by: o.members[0]!.id,
    })),
  );
  const actions = caseIds.flatMap((id, i) =>
    Array.from({ length: o.actionsPerCase }, (_, a) => {
      const owners = o.owners ?? o.members;
      const owner = owners[(i * o.actionsPerCase + a) % owners.length]!;
      const due = addDays(opened[i]!, 21 + 7 * a);
      const done = due < today && rng.chance(0.8);
      return {
        case_id: id,
        text: `SYNTHETIC bench action ${a + 1}`,
        owner_id: owner.id,
        owner_agency: owner.agency,
        due_on: due,
        status: done ? ('done' as const) : plan[i]!.open ? ('open' as const) : ('dropped' as const),
        created_by: o.members[0]!.id,
        completed_at: done ? at(due, 12) : null,
      };
    }),
  );
  await insertChunks(db, 'case_action', actions);
  const maceIds = caseIds.filter((_, i) => plan[i]!.panel.id === 'mace');
  const sampleMace = Array.from({ length: SAMPLE }, () => maceIds[rng.between(0, maceIds.length - 1)]!);
  return {
    cases: caseIds.length,
    openMace: plan.filter((c) => c.panel.id === 'mace' && c.open).length,
    actions: actions.length,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    sampleMace,
  };
}
