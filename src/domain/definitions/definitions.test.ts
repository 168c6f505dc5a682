import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { findDefinition, loadDefinitions } from '../../analysis/loadDefinitions.ts';
import { testData } from '../../../test/sharedData.ts';
import { capability, type SourceFields } from './capability.ts';
import type { ClassificationId, Definition } from './definitionSchema.ts';
import { matchingRules } from './matchRecord.ts';

let definitions: Definition[];
beforeAll(async () => {
  definitions = await loadDefinitions();
});
const byId = (id: string) => findDefinition(definitions, id) as Definition;

const policeUk: SourceFields = { name: 'police.uk', classification: 'police_uk', level: 'record', fields: [] };
const mpsBorough: SourceFields = {
  name: 'MPS borough counts',
  classification: 'ho_aligned',
  level: 'aggregate',
  fields: [],
};
const dashboard: SourceFields = {
  name: 'MPS crime dashboard',
  classification: 'mps_dashboard',
  level: 'aggregate',
  fields: [],
};
const partner: SourceFields = {
  name: 'partner extract (SYNTHETIC)',
  classification: 'ho_aligned',
  level: 'record',
  fields: [
    'victim_age',
    'suspect_age',
    'domestic_abuse',
    'hate_crime',
    'knife_or_sharp_instrument',
    'injury',
    'most_serious_violence',
    'firearm',
  ],
};

/** Categories as published in the real files, upper-cased for comparison. */
function publishedCategories(): Record<Exclude<ClassificationId, 'police_uk'>, Set<string>> {
  const key = (a: string, b: string) => `${a}|${b}`.toUpperCase();
  const rows = (path: string, gz = false) => {
    const text = gz ? gunzipSync(readFileSync(path)) : readFileSync(path);
    return parse(text, { columns: true, bom: true }) as Record<string, string>[];
  };
  return {
    ho_aligned: new Set(
      rows(testData('mps/borough/recorded-crime-borough.csv')).map((r) => key(r.majortext ?? '', r.minortext ?? '')),
    ),
    mps_old: new Set(
      rows(testData('mps/borough/MPS Borough Level Crime (most recent 24 months).csv')).map((r) =>
        key(r['Major Category'] ?? '', r['Minor Category'] ?? ''),
      ),
    ),
    mps_dashboard: new Set(
      rows(testData('mps/knife-crime-dashboard/monthly-crime-dashboard.csv.gz'), true).map((r) =>
        key(r.crime_type ?? '', r.crime_subtype ?? ''),
      ),
    ),
  };
}

describe('shipped definitions', () => {
  it('include the four in methods.md, each citing its document', () => {
    expect(definitions.map((d) => d.name)).toEqual(
      expect.arrayContaining([
        'Serious Violence Duty (Tower Hamlets needs assessment)',
        'Serious youth violence (strategy 2021–24)',
        'Knife crime',
        'Knife crime with injury, victims 1–24',
      ]),
    );
    for (const d of definitions) expect(d.source.document.length).toBeGreaterThan(10);
    expect(byId('serious-violence-duty-tower-hamlets').source.quote).toContain(
      'either the victim or the suspect was under 25',
    );
    expect(byId('serious-youth-violence-2021-24').source.quote).toContain('aged 1 to 24');
  });

  it('name only categories that exist in the real MPS files', () => {
    const published = publishedCategories();
    const missing: string[] = [];
    for (const d of definitions) {
      for (const rule of d.rules) {
        if (rule.offences === 'any offence') continue;
        for (const [classification, mapping] of Object.entries(rule.offences)) {
          if (classification === 'police_uk' || !mapping) continue;
          const set = published[classification as Exclude<ClassificationId, 'police_uk'>];
          for (const c of mapping.categories) {
            const ok = c.minor
              ? set.has(`${c.major}|${c.minor}`.toUpperCase())
              : [...set].some((k) => k.startsWith(`${c.major.toUpperCase()}|`));
            if (!ok) missing.push(`${d.id}/${rule.id}/${classification}: ${c.major} / ${c.minor ?? '*'}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('police.uk categories are real police.uk crime types', () => {
    const types = new Set([
      'Violence and sexual offences',
      'Robbery',
      'Possession of weapons',
      'Burglary',
      'Anti-social behaviour',
    ]);
    for (const d of definitions)
      for (const r of d.rules)
        if (r.offences !== 'any offence')
          for (const c of r.offences.police_uk?.categories ?? []) expect(types.has(c.major)).toBe(true);
  });
});

describe('capability', () => {
  it('police.uk cannot produce anything that needs ages or flags, and says why', () => {
    const c = capability(byId('serious-violence-duty-tower-hamlets'), policeUk);
    const under25 = c.figures.find((f) => f.ruleId === 'violence-affecting-under-25s');
    expect(under25?.canProduce).toBe(false);
    expect(under25?.reasons).toContain('police.uk records carry no victim age or suspect age');
    expect(c.figures.find((f) => f.ruleId === 'domestic-abuse')?.reasons).toEqual([
      'police.uk records carry no domestic abuse flag',
    ]);
    expect(c.figures.find((f) => f.ruleId === 'sexual-violence')?.reasons[0]).toContain(
      "only offer broader categories ('Violence and sexual offences')",
    );
    expect(c.total.canProduce).toBe(false);
    expect(c.total.reasons[0]).toMatch(/^cannot produce: violence against the person/);
  });

  it('MPS borough counts can produce sexual violence but not the under-25 part or the total', () => {
    const c = capability(byId('serious-violence-duty-tower-hamlets'), mpsBorough);
    expect(c.figures.map((f) => [f.ruleId, f.canProduce])).toEqual([
      ['violence-affecting-under-25s', false],
      ['domestic-abuse', false],
      ['sexual-violence', true],
      ['hate-crime', false],
    ]);
    expect(c.total.reasons[1]).toContain('adding them would count some offences twice');
  });

  it('the MPS dashboard produces knife injury victims 1–24 without record fields', () => {
    const c = capability(byId('knife-injury-victims-1-24'), dashboard);
    expect(c.figures[0]).toEqual({
      ruleId: 'knife-injury-victims-1-24',
      figure: 'knife injury victims aged 1–24',
      canProduce: true,
      reasons: [],
    });
    expect(c.total.canProduce).toBe(true);
    expect(capability(byId('knife-crime'), policeUk).figures[0]?.reasons[0]).toContain(
      'police.uk crime types do not record whether a knife',
    );
  });

  it('a record-level partner extract with every field can produce the whole SVD definition', () => {
    const c = capability(byId('serious-violence-duty-tower-hamlets'), partner);
    expect(c.figures.every((f) => f.canProduce)).toBe(true);
    expect(c.total.canProduce).toBe(true);
    const withoutSuspectAge = capability(byId('serious-violence-duty-tower-hamlets'), {
      ...partner,
      fields: partner.fields.filter((f) => f !== 'suspect_age'),
    });
    expect(withoutSuspectAge.figures[0]?.reasons).toEqual(['partner extract (SYNTHETIC) records carry no suspect age']);
  });

  it('the old classification is marked approximate, with the caveat', () => {
    const c = capability(byId('serious-violence-duty-tower-hamlets'), { ...partner, classification: 'mps_old' });
    expect(c.figures[0]?.canProduce).toBe(true);
    expect(c.figures[0]?.reasons[0]).toMatch(/^approximate: the old classification splits violence differently/);
  });
});

describe('matching records (SYNTHETIC records)', () => {
  const svd = () => byId('serious-violence-duty-tower-hamlets');
  it.each([
    [
      { major: 'ROBBERY', minor: 'ROBBERY OF PERSONAL PROPERTY', victimAge: 17, suspectAge: 30 },
      ['violence-affecting-under-25s'],
    ],
    [
      { major: 'robbery', minor: 'robbery of personal property', victimAge: 40, suspectAge: 24 },
      ['violence-affecting-under-25s'],
    ],
    [{ major: 'ROBBERY', minor: 'ROBBERY OF PERSONAL PROPERTY', victimAge: 40, suspectAge: 25 }, []],
    [{ major: 'ROBBERY', minor: 'ROBBERY OF PERSONAL PROPERTY', victimAge: null, suspectAge: null }, []],
    [
      { major: 'SEXUAL OFFENCES', minor: 'RAPE', victimAge: 19, flags: { domestic_abuse: true } },
      ['violence-affecting-under-25s', 'domestic-abuse', 'sexual-violence'],
    ],
    [{ major: 'THEFT', minor: 'OTHER THEFT', victimAge: 50, flags: { hate_crime: true } }, ['hate-crime']],
    [{ major: 'VIOLENCE AGAINST THE PERSON', minor: 'STALKING AND HARASSMENT', victimAge: 20 }, []],
  ])('%j → %j', (record, rules) =>
    expect(matchingRules(svd(), { classification: 'ho_aligned', ...record })).toEqual(rules),
  );

  it('serious youth violence needs victim 1–24 and most serious violence or a weapon', () => {
    const syv = byId('serious-youth-violence-2021-24');
    const base = {
      classification: 'ho_aligned' as const,
      major: 'VIOLENCE AGAINST THE PERSON',
      minor: 'VIOLENCE WITH INJURY',
    };
    expect(matchingRules(syv, { ...base, victimAge: 16, flags: { knife_or_sharp_instrument: true } })).toEqual([
      'serious-youth-violence',
    ]);
    expect(matchingRules(syv, { ...base, victimAge: 16 })).toEqual([]);
    expect(matchingRules(syv, { ...base, victimAge: 0, flags: { most_serious_violence: true } })).toEqual([]);
    expect(matchingRules(syv, { ...base, victimAge: 25, flags: { firearm: true } })).toEqual([]);
  });
});

describe('loadDefinitions failures', () => {
  const write = (name: string, content: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'defs-'));
    writeFileSync(join(dir, name), content);
    return dir;
  };
  it('names the file and the problem', async () => {
    await expect(loadDefinitions(write('bad.json', '{'))).rejects.toThrow(/^bad\.json: not valid JSON/);
    const svd = readFileSync(
      join(import.meta.dirname, '../../../definitions/serious-violence-duty-tower-hamlets.json'),
      'utf8',
    );
    const wrongRequires = JSON.stringify({ ...JSON.parse(svd), requires: ['victim_age'] });
    await expect(loadDefinitions(write('svd.json', wrongRequires))).rejects.toThrow(
      'svd.json: not a valid definition: requires: requires must list exactly the fields the conditions use: domestic_abuse, hate_crime, suspect_age, victim_age',
    );
    const badAge = svd.replace('{ "field": "victim_age", "max": 24 }', '{ "field": "victim_age" }');
    await expect(loadDefinitions(write('age.json', badAge))).rejects.toThrow(
      'an age condition needs min or max (inclusive)',
    );
  });
});
