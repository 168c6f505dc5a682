import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisError } from '../../analysis/figure.ts';
import { saveEntry } from '../entryStore.ts';
import { RegisterRefusedError } from '../registerErrors.ts';
import { createRegisterFixture, type RegisterFixture, TOWER_HAMLETS } from '../testing/registerTestDb.ts';
import { provisionReportPort } from './provisionReport.ts';
import { loadProvisionServices, PROVISION_REGISTER, provisionVersion } from './provisionService.ts';
import { serviceRow, WARDS } from './testing/serviceEntries.ts';

// SYNTHETIC services on Tower Hamlets' real ward outlines (20 wards, 2018). Today is fixed: 7 December 2026.
const NOW = new Date('2026-12-07T12:00:00Z');
const TODAY = '2026-12-07';
let f: RegisterFixture;
const ids: Record<string, number> = {};

beforeAll(async () => {
  f = await createRegisterFixture(NOW);
  const save = async (key: string, row: Record<string, string>, submit = true) => {
    const saved = await saveEntry(f.db, f.ctx, f.people.councilAnalyst, PROVISION_REGISTER, serviceRow(row), {
      submit,
    });
    ids[key] = saved.id;
  };
  await save('mentoring', {
    name: 'SYNTHETIC Mentoring',
    needs: 'knife crime;youth violence',
    wards: `${WARDS.spitalfields.code};${WARDS.mileEnd.code}`,
    capacity: '40',
    caseload: '30',
    funding_source: 'SYNTHETIC VRU grant',
    funding_ends_on: '2027-03-31',
    evidence_impact: 'moderate',
    evidence_strength: '3 - moderate',
    evidence_source: 'https://toolkit.example/mentoring',
  });
  await save('idva', {
    name: 'SYNTHETIC IDVA',
    provider: 'SYNTHETIC Refuge',
    service_type: 'support for victims',
    needs: 'domestic abuse',
    whole_borough: 'yes',
    capacity: '20',
    caseload: '25',
    funding_ends_on: '2026-11-30',
  });
  await save('draft', { name: 'SYNTHETIC draft service', needs: 'reoffending' }, false);
}, 120_000);
afterAll(() => f?.t.drop());

describe('the services on the provision map', () => {
  it('reads submitted services, typed, for a reader of the register (drafts are not on the map)', async () => {
    const list = await loadProvisionServices(f.db, f.people.viewer, f.registers);
    expect(list.map((s) => s.name)).toEqual(['SYNTHETIC IDVA', 'SYNTHETIC Mentoring']);
    expect(list[1]).toMatchObject({
      id: ids.mentoring,
      needs: ['knife crime', 'youth violence'],
      wholeBorough: false,
      wards: [WARDS.spitalfields.code, WARDS.mileEnd.code],
      capacity: 40,
      caseload: 30,
      fundingEndsOn: '2027-03-31',
      evidenceImpact: 'moderate',
    });
    expect(list[0]).toMatchObject({ wholeBorough: true, wards: [], capacity: 20, caseload: 25 });
  });

  it('refuses a reader outside the register’s readership (an administrator)', async () => {
    await expect(loadProvisionServices(f.db, f.people.admin, f.registers)).rejects.toBeInstanceOf(RegisterRefusedError);
  });
});

describe('the report port for the SNA’s Current provision section', () => {
  const port = (reader: Parameters<typeof provisionReportPort>[3]) =>
    provisionReportPort(f.db, f.registers, TOWER_HAMLETS, reader, TODAY);

  it('gives the matrix with cells written out by hand', async () => {
    const view = await port({ actor: f.people.viewer })('matrix');
    expect(view.table.head).toEqual(['Need', 'What works', 'Current provision', 'Gaps']);
    // The register's eight needs, in its vocabulary's order.
    expect(view.table.rows.map((r) => r[0])).toEqual([
      'Knife crime',
      'Youth violence',
      'Exploitation',
      'Domestic abuse',
      'Violence against women and girls',
      'Night-time economy violence',
      'Drugs and alcohol',
      'Reoffending',
    ]);
    expect(view.table.rows[0]).toEqual([
      'Knife crime',
      'SYNTHETIC Mentoring (moderate impact, evidence 3 - moderate; source: https://toolkit.example/mentoring)',
      'SYNTHETIC Mentoring (SYNTHETIC Trust): 30 of 40 places (75% full)',
      // 20 wards less the two it covers.
      expect.stringMatching(/^No service covers 18 wards: Bethnal Green, .*Whitechapel$/),
    ]);
    expect(view.table.rows[3]).toEqual([
      'Domestic abuse',
      'None rated high or moderate impact',
      'SYNTHETIC IDVA (SYNTHETIC Refuge): 25 of 20 places (125% full)',
      'At or over capacity: SYNTHETIC IDVA; No service rated high or moderate impact',
    ]);
    expect(view.table.rows[7]).toEqual([
      'Reoffending',
      'None rated high or moderate impact',
      'No service',
      'No service meets this need',
    ]);
    expect(view.sentence).toBe(
      '2 services on the provision map meet 3 of 8 needs; 8 needs have a gap, and no service meets exploitation, violence against women and girls, night-time economy violence, drugs and alcohol, reoffending.',
    );
    expect(view.note).toMatchObject({ source: 'Services and interventions register (provision map)', readOn: TODAY });
  });

  it('gives the funding cliff: the ended IDVA first, the mentoring ending within six months, with totals', async () => {
    const view = await port({ actor: f.people.viewer })('funding-cliff');
    expect(view.table.rows).toEqual([
      ['SYNTHETIC IDVA', 'SYNTHETIC Refuge', 'Not recorded', '2026-11-30 (ended)', 20, 25],
      ['SYNTHETIC Mentoring', 'SYNTHETIC Trust', 'SYNTHETIC VRU grant', '2027-03-31', 40, 30],
      ['Total at risk', '', '', '', 60, 55],
    ]);
    expect(view.sentence).toBe(
      "2 services' funding ends by 2027-06-07 or has ended (1 already ended): 60 places and a caseload of 55 at risk.",
    );
  });

  it('refuses a reader outside the readership with the engine’s unavailable reason; the operator sees all', async () => {
    const refused = port({ actor: f.people.admin })('matrix');
    await expect(refused).rejects.toBeInstanceOf(AnalysisError);
    await expect(refused).rejects.toThrow('You may not read Services and interventions');
    const operator = await port({ operator: true })('funding-cliff');
    expect(operator.table.rows).toHaveLength(3);
  });
});

// Last: it adds a service, which the tables above do not expect.
describe('the provision map’s version (a report build’s cache key)', () => {
  it('has a version that changes when a service is added and when one is edited', async () => {
    const before = await provisionVersion(f.db);
    const added = await saveEntry(
      f.db,
      f.ctx,
      f.people.councilAnalyst,
      PROVISION_REGISTER,
      serviceRow({ name: 'SYNTHETIC added' }),
      {
        submit: true,
      },
    );
    const afterAdd = await provisionVersion(f.db);
    expect(afterAdd).not.toBe(before);
    await saveEntry(
      f.db,
      f.ctx,
      f.people.councilAnalyst,
      PROVISION_REGISTER,
      serviceRow({ name: 'SYNTHETIC added', caseload: '3' }),
      { submit: true, entryId: added.id, reason: 'SYNTHETIC caseload counted' },
    );
    expect(await provisionVersion(f.db)).not.toBe(afterAdd);
  });
});
