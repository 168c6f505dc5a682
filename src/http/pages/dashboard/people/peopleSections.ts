import { barChart } from '../../../../charts/barChart.ts';
import { formatCount, formatPercent } from '../../../../charts/svg.ts';
import type { Outcome, PeopleFigures } from './peopleFigures.ts';
import {
  capitalise,
  chartTitle,
  countText,
  shareBar,
  rateRatioPanel,
  resultPanel,
  sexProfilePanel,
  shareProfilePanel,
  unavailablePanel,
  type Panel,
  type PanelPlace,
} from './peoplePanels.ts';

export interface Section {
  id: string;
  heading: string;
  intro: string;
  /** Shown above the panels, e.g. that this reader sees partner records only as totals. */
  notice: string | null;
  /** A link to a period the section's data does hold, when the chosen one has none. */
  suggestion: { href: string; text: string } | null;
  /** Said once for the section when every panel fails for the same reason (e.g. the definition cannot be counted here). */
  unavailable: string | null;
  panels: Panel[];
}

/** Eleven copies of one long reason help nobody: when every panel has the same one, the section says it once. */
function collapse(section: Omit<Section, 'unavailable'>): Section {
  const reasons = new Set(section.panels.map((p) => p.unavailable));
  const [only] = reasons;
  if (section.panels.length > 1 && reasons.size === 1 && only)
    return { ...section, unavailable: only.replace(/^This figure cannot/, 'These figures cannot'), panels: [] };
  return { ...section, unavailable: null };
}

const pct = (n: number) => formatPercent(n);
const pct0 = (n: number) => formatPercent(n, 0);

const partnerAggregate = (classification: string) =>
  `Partner police records are ${classification} data of another agency: with your role you see them only as totals for groups of people, never as individual records, and small numbers are suppressed.`;

/** Stop-and-search outcomes: the find rate in words, then each outcome's share of searches. */
function searchOutcomePanel(outcome: Outcome, place: PanelPlace): Panel {
  const id = 'stop-search-outcome';
  const heading = 'Outcomes of searches';
  if (!outcome.ok) return unavailablePanel(id, heading, outcome.reason);
  const { result } = outcome;
  const [find, ...outcomes] = result.figures;
  const summary =
    find && find.rate !== null && find.lower !== null && find.upper !== null
      ? `Find rate: ${pct(find.rate)} (95% limits ${pct(find.lower)} to ${pct(find.upper)}) of ${formatCount(find.denominator)} searches ended in an outcome other than no further action.`
      : null;
  const chart = barChart({
    id,
    title: chartTitle('Stop and search by outcome', place, result),
    format: pct,
    tickFormat: pct0,
    bars: outcomes.map((f) => shareBar(f, f.group.outcome ?? '')),
    categoryHeading: 'Outcome',
    valueHeading: 'Share of searches',
    extraColumns: [{ head: 'Searches', numeric: true }],
  });
  return resultPanel(id, heading, result, chart, summary);
}

/** People recorded as both victim and suspect in the period, as a share of victims and of suspects. */
function overlapPanel(outcome: Outcome, place: PanelPlace): Panel {
  const id = 'victim-suspect-overlap';
  const heading = 'People recorded as both victim and suspect';
  if (!outcome.ok) return unavailablePanel(id, heading, outcome.reason);
  const { result } = outcome;
  if (result.figures.every((f) => f.denominator === 0))
    return unavailablePanel(id, heading, `no victims or suspects were recorded in ${place.period}`);
  const [victims] = result.figures;
  const summary =
    victims && victims.rate !== null && victims.count !== null
      ? `${formatCount(victims.count)} people were recorded both as a victim and as a suspect: ${pct(victims.rate)} of ${formatCount(victims.denominator)} victims.`
      : null;
  const chart = barChart({
    id,
    title: chartTitle('Victim–suspect overlap', place, result),
    format: pct,
    tickFormat: pct0,
    bars: result.figures.map((f) =>
      shareBar(f, capitalise(f.group.measure ?? ''), [countText(f), formatCount(f.denominator)]),
    ),
    categoryHeading: 'Measure',
    valueHeading: 'Share',
    extraColumns: [
      { head: 'People in both roles', numeric: true },
      { head: 'Out of', numeric: true },
    ],
  });
  return resultPanel(id, heading, result, chart, summary);
}

/** The page's sections, in reading order: profiles, disproportionality, stop and search, overlap. */
export function peopleSections(
  figures: PeopleFigures,
  place: PanelPlace,
  hrefForPeriod: (period: string) => string,
): Section[] {
  return sectionList(figures, place, hrefForPeriod).map(collapse);
}

function sectionList(
  figures: PeopleFigures,
  place: PanelPlace,
  hrefForPeriod: (period: string) => string,
): Omit<Section, 'unavailable'>[] {
  const p = figures.person;
  const partnerNotice = figures.partnerAggregateOnly ? partnerAggregate(figures.partnerClassification) : null;
  const searchFailed = !figures.searchEthnicity.ok || !figures.searchOutcome.ok;
  const searchSuggestion =
    searchFailed && figures.searchLatestPeriod
      ? {
          href: hrefForPeriod(figures.searchLatestPeriod),
          text: `See stop and search for the latest 12 months published: ${figures.searchLatestPeriod}`,
        }
      : null;
  const roleSection = (role: 'victim' | 'suspect'): Omit<Section, 'unavailable'> => ({
    id: `${role}s`,
    heading: role === 'victim' ? 'Victims' : 'Suspects',
    intro: `Age, sex and ethnicity of ${role}s on police records in ${place.area}, ${place.period}. Age and ethnicity shares are of ${role}s whose age or ethnicity is known.`,
    notice: partnerNotice,
    suggestion: null,
    panels: [
      shareProfilePanel(`${role}-age-profile`, 'Age', p[`${role}-age`], 'age', role, place),
      sexProfilePanel(`${role}-sex-profile`, 'Sex', p[`${role}-sex`], role, place),
      shareProfilePanel(`${role}-ethnicity-profile`, 'Ethnicity', p[`${role}-ethnicity`], 'ethnicity', role, place),
    ],
  });
  return [
    roleSection('victim'),
    roleSection('suspect'),
    {
      id: 'disproportionality',
      heading: 'Disproportionality against the population',
      intro:
        'Each group’s rate per 1,000 residents (Census 2021) divided by the rate of a reference group. Above 1: more often recorded than the reference group; below 1: less often. Bars are drawn on a log scale, so twice and half the reference rate are the same distance from 1; the whiskers are 95% limits.',
      notice: partnerNotice,
      suggestion: null,
      panels: [
        rateRatioPanel(
          'victim-ethnicity-ratio',
          'Victims by ethnic group',
          p['victim-ethnicity'],
          'ethnicity',
          'Victims',
          place,
        ),
        rateRatioPanel(
          'suspect-ethnicity-ratio',
          'Suspects by ethnic group',
          p['suspect-ethnicity'],
          'ethnicity',
          'Suspects',
          place,
        ),
        rateRatioPanel('victim-age-ratio', 'Victims by age group', p['victim-age'], 'age', 'Victims', place),
        rateRatioPanel('suspect-age-ratio', 'Suspects by age group', p['suspect-age'], 'age', 'Suspects', place),
      ],
    },
    {
      id: 'stop-and-search',
      heading: 'Stop and search',
      intro:
        'Searches by the police in the area as published on data.police.uk: the searched person’s self-defined ethnicity against Census 2021 residents by ethnic group, and what each search led to.',
      notice: null,
      suggestion: searchSuggestion,
      panels: [
        rateRatioPanel(
          'stop-search-ethnicity',
          'Searches by ethnic group',
          figures.searchEthnicity,
          'ethnicity',
          'Stop and search',
          place,
        ),
        searchOutcomePanel(figures.searchOutcome, place),
      ],
    },
    {
      id: 'overlap',
      heading: 'Victim–suspect overlap',
      intro:
        'People who appear on police records both as a victim and as a suspect in the period: a group the Serious Violence Duty asks partnerships to understand.',
      notice: partnerNotice,
      suggestion: null,
      panels: [overlapPanel(p['victim-suspect-overlap'], place)],
    },
  ];
}
