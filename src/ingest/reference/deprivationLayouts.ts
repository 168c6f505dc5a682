import type { FileInfo, Layout } from '../layout.ts';
import {
  canonicalHeader,
  canonicalIndex,
  editionOf,
  loadDeprivation,
  type DomainColumns,
} from './deprivationLoader.ts';

/**
 * English Indices of Deprivation, in the four layouts Safer has met:
 * MHCLG's long headers (IMD2019forLondon.csv, and the CDRC 2015 pack, whose
 * dotted headers reduce to the same words), the CDRC 2019 pack's
 * abbreviations, the CDRC 2010 pack (adjusted to 2011 LSOAs), and a bare
 * LSOA → IMD decile list. Every edition is on 2011 LSOAs.
 */

const notes = 'English Indices of Deprivation (MHCLG); OGL v3.0';
const cdrcNotes = `${notes}. Data provided by the ESRC Consumer Data Research Centre`;

/** Domain key → the words its columns start with, in MHCLG's long naming. */
const LONG_NAMES: [string, string][] = [
  ['imd', 'index of multiple deprivation imd'],
  ['income', 'income'],
  ['employment', 'employment'],
  ['education', 'education skills and training'],
  ['health', 'health deprivation and disability'],
  ['crime', 'crime'],
  ['housing', 'barriers to housing and services'],
  ['environment', 'living environment'],
  ['idaci', 'income deprivation affecting children index idaci'],
  ['idaopi', 'income deprivation affecting older people idaopi'],
  ['children_young_people', 'children and young people sub domain'],
  ['adult_skills', 'adult skills sub domain'],
  ['geographical_barriers', 'geographical barriers sub domain'],
  ['wider_barriers', 'wider barriers sub domain'],
  ['indoors', 'indoors sub domain'],
  ['outdoors', 'outdoors sub domain'],
];

function startingWith(file: FileInfo, words: string): number {
  return (file.header ?? []).findIndex((h) => canonicalHeader(h).startsWith(words));
}

function longNameDomains(file: FileInfo): DomainColumns[] {
  return LONG_NAMES.map(([domain, prefix]) => ({
    domain,
    score: startingWith(file, `${prefix} score`),
    rank: startingWith(file, `${prefix} rank`),
    decile: startingWith(file, `${prefix} decile`),
  })).filter((d) => d.score >= 0 || d.rank >= 0 || d.decile >= 0);
}

const LONG_CODE = ['geography code', 'lsoa code 2011', 'lsoa11cd'];
const longCode = (file: FileInfo) => (file.header ?? []).findIndex((h) => LONG_CODE.includes(canonicalHeader(h)));

export const iodLongNamesLayout: Layout = {
  id: 'iod-domains',
  description:
    "English Indices of Deprivation by LSOA: every domain's score, rank and decile (MHCLG long headers, CDRC 2015 pack)",
  signature: ['geography code', 'index of multiple deprivation (imd) score'],
  detect: (file) => longCode(file) >= 0 && startingWith(file, 'index of multiple deprivation imd score') >= 0,
  plan: (file) => ({
    series: 'reference/iod',
    owningAgency: 'mhclg',
    notes: file.header?.includes('lsoa11cd') ? cdrcNotes : notes,
  }),
  load: (ctx) => {
    const edition = editionOf(ctx.file);
    return loadDeprivation(ctx, {
      source: `iod${edition}`,
      edition,
      code: longCode(ctx.file),
      domains: longNameDomains(ctx.file),
    });
  },
};

/** CDRC 2019 pack abbreviations: `IncScore, IncRank, IncDec` …; the IMD itself is IMDScore, IMDRank0, IMDDec0. */
const ABBREVIATIONS: [string, string][] = [
  ['income', 'inc'],
  ['employment', 'emp'],
  ['education', 'edu'],
  ['health', 'hdd'],
  ['crime', 'cri'],
  ['housing', 'bhs'],
  ['environment', 'env'],
  ['idaci', 'idc'],
  ['idaopi', 'ido'],
  ['children_young_people', 'cyp'],
  ['adult_skills', 'as'],
  ['geographical_barriers', 'gb'],
  ['wider_barriers', 'wb'],
  ['indoors', 'ind'],
  ['outdoors', 'out'],
];

const index = (file: FileInfo, name: string) => (file.header ?? []).indexOf(name);

export const cdrcIod2019Layout: Layout = {
  id: 'cdrc-iod-abbreviated',
  description: 'CDRC IMD geodata pack table with abbreviated headers (IMDScore, IncScore, … ; 2019 edition)',
  signature: ['lsoa11cd', 'imdscore', 'imdrank0', 'imddec0'],
  detect: (file) => ['lsoa11cd', 'imdscore', 'imdrank0', 'imddec0'].every((c) => index(file, c) >= 0),
  plan: () => ({ series: 'reference/iod', owningAgency: 'mhclg', notes: cdrcNotes }),
  load: (ctx) => {
    const f = ctx.file;
    const edition = editionOf(f);
    const domains = [
      { domain: 'imd', score: index(f, 'imdscore'), rank: index(f, 'imdrank0'), decile: index(f, 'imddec0') },
      ...ABBREVIATIONS.map(([domain, a]) => ({
        domain,
        score: index(f, `${a}score`),
        rank: index(f, `${a}rank`),
        decile: index(f, `${a}dec`),
      })),
    ].filter((d) => d.score >= 0 || d.rank >= 0 || d.decile >= 0);
    return loadDeprivation(ctx, { source: `iod${edition}`, edition, code: index(f, 'lsoa11cd'), domains });
  },
};

/**
 * CDRC 2010 pack: the 2010 indices were published on 2001 LSOAs; CDRC added
 * an IMD score adjusted to 2011 LSOAs with its own rank and decile ('imd').
 * The published scores and ranks come with it ('imd_unadjusted' and domains).
 */
const CDRC_2010: [string, string, string][] = [
  ['imd_unadjusted', 'imd score', 'rank of imd score where 1 is most deprived'],
  ['income', 'income score', 'rank of income score where 1 is most deprived'],
  ['employment', 'employment score', 'rank of employment score where 1 is most deprived'],
  [
    'health',
    'health deprivation and disability score',
    'rank of health deprivation and disability score where 1 is most deprived',
  ],
  [
    'education',
    'education skills and training score',
    'rank of education skills and training score where 1 is most deprived',
  ],
  [
    'housing',
    'barriers to housing and services score',
    'rank of barriers to housing and services score where 1 is most deprived',
  ],
  ['crime', 'crime and disorder score', 'rank of crime score where 1 is most deprived'],
  ['environment', 'living environment score', 'rank of living environment score where 1 is most deprived'],
  ['indoors', 'indoors sub domain score', 'indoors sub domain rank where 1 is most deprived'],
  ['outdoors', 'outdoors sub domain score', 'outdoors sub domain rank where 1 is most deprived'],
  [
    'geographical_barriers',
    'geographical barriers sub domain score',
    'geographical barriers sub domain rank where 1 is most deprived',
  ],
  ['wider_barriers', 'wider barriers sub domain score', 'wider barriers sub domain rank where 1 is most deprived'],
  [
    'children_young_people',
    'children young people sub domain score',
    'children young people sub domain rank where 1 is most deprived',
  ],
  ['adult_skills', 'skills sub domain score', 'skills sub domain rank where 1 is most deprived'],
  ['idaci', 'idaci score', 'rank of idaci where 1 is most deprived'],
  ['idaopi', 'idaopi score', 'rank of idaopi where 1 is most deprived'],
];

export const cdrcIod2010Layout: Layout = {
  id: 'cdrc-iod2010-adjusted',
  description: 'CDRC IMD 2010 geodata pack table (IMD adjusted to 2011 LSOAs, with every domain)',
  signature: ['lsoa11cd', 'imd.2010.adjusted', 'imd_rank', 'national.decile2'],
  detect: (file) => index(file, 'lsoa11cd') >= 0 && canonicalIndex(file, 'imd 2010 adjusted') >= 0,
  plan: () => ({ series: 'reference/iod', owningAgency: 'mhclg', notes: cdrcNotes }),
  load: (ctx) => {
    const f = ctx.file;
    const domains = [
      {
        domain: 'imd',
        score: canonicalIndex(f, 'imd 2010 adjusted'),
        rank: canonicalIndex(f, 'imd rank'),
        decile: canonicalIndex(f, 'national decile2'),
      },
      ...CDRC_2010.map(([domain, score, rank]) => ({
        domain,
        score: canonicalIndex(f, score),
        rank: canonicalIndex(f, rank),
        decile: -1,
      })),
    ].filter((d) => d.score >= 0 || d.rank >= 0);
    return loadDeprivation(ctx, { source: 'iod2010', edition: 2010, code: index(f, 'lsoa11cd'), domains });
  },
};

export const imdDecilesLayout: Layout = {
  id: 'imd-deciles',
  description: 'IMD decile by LSOA (two columns: lsoa, imd10)',
  signature: ['lsoa', 'imd10'],
  detect: (file) => file.header?.length === 2 && index(file, 'lsoa') >= 0 && index(file, 'imd10') >= 0,
  plan: () => ({ series: 'reference/iod-deciles', owningAgency: 'mhclg', notes }),
  load: (ctx) => {
    const edition = editionOf(ctx.file);
    const f = ctx.file;
    return loadDeprivation(ctx, {
      source: `iod${edition}-deciles`,
      edition,
      code: index(f, 'lsoa'),
      domains: [{ domain: 'imd', score: -1, rank: -1, decile: index(f, 'imd10') }],
    });
  },
};

export const deprivationLayouts: Layout[] = [
  iodLongNamesLayout,
  cdrcIod2019Layout,
  cdrcIod2010Layout,
  imdDecilesLayout,
];
