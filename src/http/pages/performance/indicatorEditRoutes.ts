import type { FastifyInstance } from 'fastify';
import { AGENCY_KINDS } from '../../../auth/policy.ts';
import type { Indicator } from '../../../performance/indicatorSchema.ts';
import { indicatorProblems } from '../../../performance/loadIndicators.ts';
import { PerformanceError } from '../../../performance/performanceError.ts';
import { indicatorVersions, saveIndicatorEdit } from '../../../performance/store/indicatorStore.ts';
import { canEditIndicators } from '../../../performance/store/performancePolicy.ts';
import type { Services } from '../../../services.ts';
import { notFound } from '../../errors.ts';
import { allow, parseWith, requireActor } from '../../guards.ts';
import { IndicatorParams } from './indicatorRoutes.ts';
import { agencyWords, formErrors } from './performanceWords.ts';

/*
 * A partnership manager's edit of an indicator: the fields a partnership changes between versions (what it is
 * called, who leads, the target and baseline, where it comes from). Unit and period type stay: changing them makes
 * another indicator. The store checks with the file loader's own rules (themes, definitions, registers, panels) and
 * saves a new version with the reason; an indicator counted from one panel names it in the `panel` field.
 */

type Form = Record<string, string>;

/** What each field is called, for the schema's terse messages ('Too small…') said the GOV.UK way. */
const LABELS: Record<string, string> = {
  name: 'the name',
  subgroup: 'the subgroup',
  citation: 'the citation',
  targetValue: 'the target value as a number',
  targetPercent: 'the change in per cent as a number',
  toleranceWithin: 'the tolerance as a number between 0 and 100',
  toleranceText: 'the tolerance band in words',
  definition: 'the definition id',
  panel: 'the panel id in lower case with hyphens, such as marac, or leave it blank for every panel',
};
const friendly = (field: string, message: string) =>
  /^(Too small|Too big|Invalid input|Expected|Required)/i.test(message) && LABELS[field]
    ? `Enter ${LABELS[field]}`
    : message.charAt(0).toUpperCase() + message.slice(1);

const FIELD_OF: Record<string, string> = {
  'target.value': 'targetValue',
  'target.percent': 'targetPercent',
  'target.against': 'targetAgainst',
  'target.tolerance.amberWithinPercent': 'toleranceWithin',
  'target.tolerance.text': 'toleranceText',
  'source.definition': 'definition',
  'source.category': 'definition',
  'source.panel.panel': 'panel',
};
const FORM_FIELDS = [
  'name',
  'theme',
  'leadAgency',
  'subgroup',
  'polarity',
  'baseline',
  'targetKind',
  'targetValue',
  'targetPercent',
  'targetAgainst',
  'toleranceWithin',
  'toleranceText',
  'definition',
  'panel',
  'citation',
  'notes',
  'reason',
];

function formOf(i: Indicator): Form {
  const t = i.target;
  return {
    name: i.name,
    theme: i.theme,
    leadAgency: i.leadAgency,
    subgroup: i.subgroup,
    polarity: i.polarity,
    baseline: i.baseline ?? '',
    targetKind: t.kind,
    targetValue: t.kind === 'value' ? String(t.value) : '',
    targetPercent: t.kind === 'change' ? String(t.percent) : '',
    targetAgainst: t.kind === 'change' ? t.against : 'baseline',
    toleranceWithin: t.kind === 'none' ? '' : String(t.tolerance.amberWithinPercent),
    toleranceText: t.kind === 'none' ? '' : t.tolerance.text,
    definition: i.source.kind === 'computed' ? (i.source.definition ?? '') : '',
    panel: i.source.kind === 'computed' ? (i.source.panel?.panel ?? '') : '',
    citation: i.citation,
    notes: i.notes ?? '',
    reason: '',
  };
}

/** Numbers as typed; text that is not a number stays text, so the schema names the field. */
const num = (s: string | undefined): unknown =>
  s?.trim() && Number.isFinite(Number(s)) ? Number(s) : s?.trim() || undefined;

function candidate(latest: Indicator, f: Form): unknown {
  const tolerance = { amberWithinPercent: num(f.toleranceWithin), text: f.toleranceText?.trim() };
  const target =
    f.targetKind === 'value'
      ? { kind: 'value', value: num(f.targetValue), tolerance }
      : f.targetKind === 'change'
        ? { kind: 'change', percent: num(f.targetPercent), against: f.targetAgainst, tolerance }
        : { kind: 'none' };
  const source =
    latest.source.kind === 'computed' && latest.source.definition !== undefined
      ? { ...latest.source, definition: f.definition?.trim() }
      : latest.source.kind === 'computed' && latest.source.panel !== undefined
        ? { ...latest.source, panel: { measure: latest.source.panel.measure, panel: f.panel?.trim() || undefined } }
        : latest.source;
  return {
    ...latest,
    name: f.name?.trim(),
    theme: f.theme,
    leadAgency: f.leadAgency,
    subgroup: f.subgroup?.trim(),
    polarity: f.polarity,
    baseline: f.baseline?.trim() || undefined,
    target,
    source,
    citation: f.citation?.trim(),
    notes: f.notes?.trim() || undefined,
  };
}

export function indicatorEditRoutes(services: Services) {
  async function page(id: string, form: Form | null, problems: { field: string; message: string }[] = []) {
    const { themes } = await services.indicatorSet();
    const latest = (await indicatorVersions(services.db, id)).at(-1)?.indicator;
    if (latest === undefined) throw notFound('Indicator');
    const values = form ?? formOf(latest);
    const items = (list: readonly { value: string; text: string }[], chosen: string | undefined) =>
      list.map((i) => ({ ...i, selected: i.value === chosen, checked: i.value === chosen }));
    return {
      title: `Edit ${latest.name}`,
      indicator: latest,
      values,
      ...formErrors(
        problems.map((p) => {
          const field = FIELD_OF[p.field] ?? (FORM_FIELDS.includes(p.field) ? p.field : 'name');
          return { field, message: friendly(field, p.message) };
        }),
      ),
      themeItems: items(
        themes.map((t) => ({ value: t.id, text: t.name })),
        values.theme,
      ),
      agencyItems: items(
        AGENCY_KINDS.map((a) => ({ value: a, text: agencyWords(a) })),
        values.leadAgency,
      ),
      polarityItems: items(
        ['higher-is-better', 'lower-is-better', 'neither'].map((p) => ({ value: p, text: p.replaceAll('-', ' ') })),
        values.polarity,
      ),
      againstItems: items(
        [
          { value: 'baseline', text: 'the baseline' },
          { value: 'previous', text: 'the previous period' },
        ],
        values.targetAgainst,
      ),
      hasDefinition: latest.source.kind === 'computed' && latest.source.definition !== undefined,
      hasPanel: latest.source.kind === 'computed' && latest.source.panel !== undefined,
    };
  }

  return async function routes(app: FastifyInstance) {
    app.get('/performance/indicators/:id/edit', async (request, reply) => {
      allow(canEditIndicators(requireActor(request)));
      const { id } = parseWith(IndicatorParams, request.params);
      return reply.view('pages/performance/indicator-edit.njk', await page(id, null));
    });

    app.post('/performance/indicators/:id/edit', async (request, reply) => {
      const actor = requireActor(request);
      allow(canEditIndicators(actor));
      const { id } = parseWith(IndicatorParams, request.params);
      const form: Form = Object.fromEntries(
        FORM_FIELDS.map((k) => [
          k,
          String((request.body as Record<string, unknown> | undefined)?.[k] ?? '').slice(0, 2000),
        ]),
      );
      const latest = (await indicatorVersions(services.db, id)).at(-1)?.indicator;
      if (latest === undefined) throw notFound('Indicator');
      const { themes } = await services.indicatorSet();
      const definitions = await services.definitions();
      const registers = await services.registers();
      const panels = await services.panels();
      const themeIds = new Set(themes.map((t) => t.id));
      try {
        await saveIndicatorEdit(services.db, actor, candidate(latest, form), form.reason ?? '', (i) =>
          indicatorProblems(i, themeIds, definitions, registers, panels),
        );
      } catch (error) {
        if (!(error instanceof PerformanceError) || error.code !== 'VALIDATION') throw error;
        // The schema stops at the first failing part, so the reason is checked here too: all problems at once.
        const problems = [...error.problems];
        if (!form.reason?.trim() && !problems.some((p) => p.field === 'reason'))
          problems.push({ field: 'reason', message: 'Enter the reason for the change' });
        return reply.status(400).view('pages/performance/indicator-edit.njk', await page(id, form, problems));
      }
      return reply.redirect(`/performance/indicators/${id}#versions`, 303);
    });
  };
}
