import type { FastifyInstance } from 'fastify';
import type { AnalysisResult } from '../../../analysis/analysisResult.ts';
import type { Services } from '../../../services.ts';
import { HttpError } from '../../errors.ts';
import { hrefWith } from './dashboardQuery.ts';
import { dataNotesFrom } from './dataNotes.ts';
import { filterForm } from './filterOptions.ts';
import { checkPeriod, peopleFigures, type Counted, type Outcome } from './people/peopleFigures.ts';
import { peopleSections } from './people/peopleSections.ts';
import { dashboardRequest } from './sections.ts';
import { cachedPage, pageView } from './cachedPage.ts';

const PATH = '/dashboard/people';
/** The partnership's own Serious Violence Duty definition when it is loaded, else the first definition. */
const DEFAULT_DEFINITION = 'serious-violence-duty-tower-hamlets';

const METHODS = [
  'Age and ethnicity profiles: each group’s share of the people whose age or ethnicity is recorded, with 95% Wilson limits; people with neither are counted in the warnings, not the shares.',
  'Rate ratios: a group’s rate per 1,000 Census 2021 residents divided by the reference group’s rate, with 95% limits on the log scale.',
  'Stop and search by ethnicity uses the searched person’s self-defined ethnicity, the same basis as the Census 2021 ethnic group question; searches with no self-defined ethnicity are left out.',
];
const CANNOT_TELL = [
  'Why groups differ: rates against residents take no account of who is actually present (visitors, commuters, people passing through), of deprivation or of how policing is deployed.',
  'Anything about a person: profiles count records, and one person can appear in several.',
];

/** Victim and suspect profiles, disproportionality, stop and search, and victim–suspect overlap. */
export function peopleRoutes(services: Services) {
  return async function routes(app: FastifyInstance) {
    app.get(
      PATH,
      cachedPage(services, async (request) => {
        const page = await dashboardRequest(services, request);
        checkPeriod(page.filters.period);
        const definitions = await services.definitions();
        const counted = whatIsCounted(
          page.query,
          definitions.map((d) => d.id),
        );
        const figures = await peopleFigures(services, page.actor, page.filters, counted, request.ip);
        const place = { area: page.filters.area.name, period: page.filters.period };
        const current = Object.fromEntries(
          Object.entries(page.query).filter((e): e is [string, string] => typeof e[1] === 'string'),
        );
        const sections = peopleSections(
          figures,
          place,
          (period) => `${hrefWith(PATH, current, { period })}#stop-and-search`,
        );
        const results = [...Object.values(figures.person), figures.searchEthnicity, figures.searchOutcome]
          .filter((o): o is Extract<Outcome, { ok: true }> => o.ok)
          .map((o) => o.result);
        return pageView(
          'pages/dashboard/people.njk',
          page.context(PATH, {
            title: 'People',
            sections,
            synthetic: results.some((r: AnalysisResult) => r.vintage.synthetic),
            definitionOptions: definitions.map((d) => ({
              value: d.id,
              text: d.name,
              selected: 'definition' in counted && d.id === counted.definition,
            })),
            category: 'category' in counted ? counted.category : null,
            filterForm: await filterForm(services, page.filters, page.query, PATH),
            notes: dataNotesFrom(results, definitions, { methods: METHODS, cannotTell: CANNOT_TELL }),
          }),
        );
      }),
    );
  };
}

/**
 * An offence category when one is typed (it wins: the form's definition select always sends a value),
 * else a definition checked against those loaded, else the partnership's definition.
 */
function whatIsCounted(query: { definition?: string; category?: string }, ids: string[]): Counted {
  if (query.category) return { category: query.category };
  if (query.definition) {
    if (!ids.includes(query.definition))
      throw new HttpError(400, 'VALIDATION', `definition: no definition called "${query.definition}"`);
    return { definition: query.definition };
  }
  return { definition: ids.includes(DEFAULT_DEFINITION) ? DEFAULT_DEFINITION : (ids[0] ?? DEFAULT_DEFINITION) };
}
