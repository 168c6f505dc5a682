import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDefinitions } from '../analysis/loadDefinitions.ts';
import { parsePeriod } from '../domain/periods/parsePeriod.ts';
import { INDICATORS_DIR, loadIndicators } from './loadIndicators.ts';

/**
 * Seed 004's performance tables, counted by hand (lines 569–703 of the seed):
 * each row with its own figures is one indicator, so a row published in parts
 * (A opiates, B non-opiates) counts once per part; the IOM table adds two
 * measures to Reducing re-offending. Prevent has none ("no performance
 * indicators set"). The seed's text says 42 and its theme list sums to 38;
 * neither matches its tables (indicators/README.md).
 */
const SEED_004_THEMES: Record<string, number> = {
  'gangs-serious-youth-violence': 5,
  'anti-social-behaviour': 3,
  'drugs-alcohol': 11,
  violence: 13,
  prostitution: 2,
  'hate-crime-cohesion': 4,
  'killed-seriously-injured': 1,
  'property-acquisitive-crime': 7,
  prevent: 0,
  'public-confidence': 3,
  'reducing-reoffending': 4,
};

describe('loadIndicators on indicators/', () => {
  it('holds seed 004 in its 11 priority themes, the TNO headline and the Serious Violence Duty measures', async () => {
    const { themes, indicators } = await loadIndicators();
    const count = (theme: string) => indicators.filter((i) => i.theme === theme).length;
    expect(Object.keys(SEED_004_THEMES)).toHaveLength(11);
    for (const [theme, n] of Object.entries(SEED_004_THEMES)) expect([theme, count(theme)]).toEqual([theme, n]);
    expect(Object.values(SEED_004_THEMES).reduce((a, b) => a + b, 0)).toBe(53);
    expect(count('total-crime')).toBe(1);
    expect(count('serious-violence')).toBe(10); // six Duty measures, weapons found in sweeps (issue 20), three panel measures (issue 21)
    expect(themes.map((t) => t.id)).toEqual(['total-crime', ...Object.keys(SEED_004_THEMES), 'serious-violence']);
    expect(indicators).toHaveLength(64);
  });

  it('every baseline parses and every computed source exists', async () => {
    const definitions = await loadDefinitions();
    const { indicators } = await loadIndicators();
    const baselines = indicators.flatMap((i) => (i.baseline ? [i.baseline] : []));
    expect(baselines.length).toBeGreaterThan(10);
    for (const b of baselines) expect(() => parsePeriod(b)).not.toThrow();
    expect(parsePeriod('SA 2011/12').label).toBe('Oct 2011–Sep 2012');
    const computed = indicators.flatMap((i) => (i.source.kind === 'computed' ? [i.source] : []));
    expect(computed.length).toBe(21);
    for (const s of computed.filter((c) => c.definition)) expect(definitions.map((d) => d.id)).toContain(s.definition);
  });

  it('keeps what the seed says: lead agency, subgroup and the TMG target', async () => {
    const { indicators } = await loadIndicators();
    const byId = (id: string) => indicators.find((i) => i.id === id);
    expect(byId('arson-incidents')).toMatchObject({ leadAgency: 'fire', subgroup: 'ASB OG' });
    expect(byId('residential-burglary')?.source).toMatchObject({
      kind: 'computed',
      category: { classification: 'mps_old', major: 'Burglary', minor: 'Burglary - Residential' },
    });
    expect(byId('tension-monitoring-meetings')?.target).toMatchObject({ kind: 'value', value: 4 });
    expect(byId('knife-injury-victims-under-25')?.source).toMatchObject({ definition: 'knife-injury-victims-1-24' });
  });
});

describe('loadIndicators refuses a broken folder, naming file and field', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** A folder with the real themes and one copy of the property file, altered by `edit`. */
  async function folder(files: Record<string, string>): Promise<string> {
    dir = await mkdtemp(join(tmpdir(), 'safer-indicators-'));
    await writeFile(join(dir, 'themes.json'), await readFile(join(INDICATORS_DIR, 'themes.json'), 'utf8'));
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    return dir;
  }
  const property = async () =>
    JSON.parse(await readFile(join(INDICATORS_DIR, 'property-acquisitive-crime.json'), 'utf8')) as {
      indicators: Record<string, unknown>[];
    };
  const load = async (d: string) => loadIndicators(d, await loadDefinitions());

  it('invalid JSON', async () => {
    await expect(load(await folder({ 'violence.json': '{"indicators": [' }))).rejects.toThrow(
      /^violence\.json: not valid JSON/,
    );
  });

  it('a bad field', async () => {
    const file = await property();
    (file.indicators[2] as Record<string, unknown>).polarity = 'up';
    await expect(load(await folder({ 'property-acquisitive-crime.json': JSON.stringify(file) }))).rejects.toThrow(
      /^property-acquisitive-crime\.json: not a valid indicator file: indicators\.2\.polarity/,
    );
  });

  it('a duplicate id and version', async () => {
    const file = await property();
    file.indicators.push({ ...file.indicators[0] });
    await expect(load(await folder({ 'property-acquisitive-crime.json': JSON.stringify(file) }))).rejects.toThrow(
      /indicators\.7\.id \(personal-robbery\): indicator personal-robbery version 1 is defined twice/,
    );
    file.indicators[7] = { ...file.indicators[0], version: 2 };
    await expect(load(await folder({ 'property-acquisitive-crime.json': JSON.stringify(file) }))).resolves.toBeTruthy();
  });

  it('an unknown theme, definition, category or baseline', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ theme: 'burglary' }, /indicators\.0\.theme \(personal-robbery\): no theme "burglary"/],
      [{ theme: 'violence' }, /indicators\.0\.theme .*belongs in violence\.json/],
      [
        { source: { kind: 'computed', definition: 'muggings' } },
        /indicators\.0\.source\.definition .*no definition "muggings"/,
      ],
      [
        { source: { kind: 'computed', category: { classification: 'mps_old', major: 'Robbery', minor: 'Muggings' } } },
        /indicators\.0\.source\.category .*mps_old "Robbery \/ Muggings" is not in the offence catalogue/,
      ],
      [{ baseline: '2012/14' }, /indicators\.0\.baseline \(personal-robbery\): "2012\/14" is not a period/],
      [
        { source: { kind: 'computed', register: { register: 'weapon-sweep', measure: 'items-found' } } },
        /indicators\.0\.source\.register\.register .*no register "weapon-sweep" in registers\//,
      ],
      [
        { source: { kind: 'computed', register: { register: 'weapon-sweeps', measure: 'knives' } } },
        /indicators\.0\.source\.register\.measure .*Weapon sweeps has no measure "knives" \(it has sweeps, items-found, knives-found, firearms-found\)/,
      ],
      [
        { source: { kind: 'computed', panel: { measure: 'referrals', panel: 'marc' } } },
        /indicators\.0\.source\.panel\.panel .*no panel "marc" in panels\//,
      ],
    ];
    for (const [change, message] of cases) {
      const file = await property();
      Object.assign(file.indicators[0] as Record<string, unknown>, change);
      await expect(load(await folder({ 'property-acquisitive-crime.json': JSON.stringify(file) }))).rejects.toThrow(
        message,
      );
      await rm(dir, { recursive: true, force: true });
    }
  });
});
