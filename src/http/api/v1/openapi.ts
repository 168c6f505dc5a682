import { FIGURE_SHAPES } from '../../../analysis/figureShapes.ts';
import { DIMENSIONS, SOURCES } from '../../../analysis/request.ts';
import { FIELD_RULES } from '../../../release/disclosureRules.ts';
import { AGENCY_KINDS } from '../../../auth/policy.ts';
import { PANEL_DIMENSIONS, PANEL_MEASURE_IDS, PANEL_PERIODS } from '../../../panels/counts/panelCounts.ts';

/** The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. */
const error = { $ref: '#/components/schemas/Error' };
const errors = {
  '401': { description: 'No valid token', content: { 'application/json': { schema: error } } },
  '403': { description: 'The token or its holder may not do this', content: { 'application/json': { schema: error } } },
  '404': {
    description: 'Not found, or not visible to the token holder',
    content: { 'application/json': { schema: error } },
  },
  '429': { description: 'Rate limited', content: { 'application/json': { schema: error } } },
};
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }];
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
/** An object with a kind and its fields, plus the same in words. */
const described = (kinds: string) => ({
  type: 'object',
  additionalProperties: true,
  properties: { kind: { type: 'string' }, description: { type: 'string' } },
  description: kinds,
});
const stated = (states: string) => ({
  type: 'object',
  additionalProperties: true,
  properties: { state: { type: 'string', description: states } },
});

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Safer API',
    version: '1.0.0',
    description:
      "Serious violence data for the Community Safety Partnership. Every answer is limited to what the token holder's agency and role may see.",
  },
  servers: [{ url: '/api/v1' }],
  security: [{ bearerToken: [] }],
  paths: {
    '/me': {
      get: {
        summary: 'Who the token belongs to',
        operationId: 'getMe',
        responses: { '200': json({ $ref: '#/components/schemas/Me' }), ...errors },
      },
    },
    '/analysis': {
      get: {
        summary: 'Figures for a definition or category, area and period: the JSON `safer analyse --format json` prints',
        description:
          'Scope read. Figures from sources with restricted or personal batches (partner police records) always carry disclosure control: counts 1–7 and the cells that would reveal them are null with `suppressed: true`, and every figure names its `disclosureRule`. Reading figures from a source whose rows the token holder may not read is recorded in the audit log.',
        operationId: 'getAnalysis',
        parameters: [
          {
            name: 'definition',
            in: 'query',
            description: 'A definition id (see `safer definitions`); give this or category',
            schema: { type: 'string', maxLength: 80 },
          },
          {
            name: 'category',
            in: 'query',
            description: 'An offence category label in any classification, case-insensitive; give this or definition',
            schema: { type: 'string', maxLength: 120 },
          },
          {
            name: 'area',
            in: 'query',
            required: true,
            description: 'Area code or name, e.g. E09000030 or Tower Hamlets',
            schema: { type: 'string', maxLength: 120 },
          },
          {
            name: 'period',
            in: 'query',
            required: true,
            description: 'e.g. 2023/24, 2023/24 Q1, 12 months to Mar 2024, 2023, Mar 2024',
            schema: { type: 'string', maxLength: 60 },
          },
          {
            name: 'compare',
            in: 'query',
            description: 'Comparison period for change',
            schema: { type: 'string', maxLength: 60 },
          },
          {
            name: 'baseline',
            in: 'query',
            description: 'Baseline period for change',
            schema: { type: 'string', maxLength: 60 },
          },
          {
            name: 'by',
            in: 'query',
            description: 'Breakdown; none gives the headline figure with benchmark and change',
            schema: { type: 'string', enum: [...DIMENSIONS], default: 'none' },
          },
          {
            name: 'source',
            in: 'query',
            description: 'Force a source; chosen automatically when absent',
            schema: { type: 'string', enum: [...SOURCES] },
          },
          {
            name: 'asOf',
            in: 'query',
            description: 'Use the data as it stood at this extract date',
            schema: { type: 'string', format: 'date' },
          },
          {
            name: 'confidence',
            in: 'query',
            description: '0.95 (default) or 0.998',
            schema: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
          },
          {
            name: 'cellSize',
            in: 'query',
            description: 'Grid cell size in metres (by=grid)',
            schema: { type: 'number', exclusiveMinimum: 0, maximum: 5000 },
          },
          {
            name: 'reference',
            in: 'query',
            description: 'Reference group for rate ratios: rest or a group',
            schema: { type: 'string', maxLength: 60 },
          },
        ],
        responses: {
          '200': json({ $ref: '#/components/schemas/AnalysisResult' }),
          '400': {
            description:
              'A parameter is missing or invalid (VALIDATION, INVALID) or the figure cannot be produced from any source, e.g. ages from police.uk (UNSUPPORTED)',
            content: { 'application/json': { schema: error } },
          },
          '422': {
            description:
              'NO_DATA: the request is valid but no source holds data for the period; the message says why for each source (none imported, the period outside the months it holds, a lookup missing that places its areas, or the area outside what it covers)',
            content: { 'application/json': { schema: error } },
          },
          ...errors,
        },
      },
    },
    '/indicators': {
      get: {
        summary: "The partnership's performance indicators: the current version of each, in the themes' order",
        operationId: 'listIndicators',
        parameters: [
          { name: 'theme', in: 'query', description: 'A theme id, e.g. violence', schema: { type: 'string' } },
          {
            name: 'leadAgency',
            in: 'query',
            description: 'The lead agency code, e.g. police',
            schema: { type: 'string', enum: [...AGENCY_KINDS] },
          },
        ],
        responses: {
          '200': json({
            type: 'object',
            properties: { indicators: { type: 'array', items: { $ref: '#/components/schemas/Indicator' } } },
          }),
          '400': {
            description: 'An unknown theme or lead agency (VALIDATION)',
            content: { 'application/json': { schema: error } },
          },
          ...errors,
        },
      },
    },
    '/indicators/{id}/values': {
      get: {
        summary:
          "One indicator's last four periods up to a quarter, its baseline and its assessment, as the scorecard shows them",
        description:
          "Scope read. Computed values come from the figure engine with the token holder's access and disclosure control (reads of aggregate-only sources are audited); returned values are those of accepted returns. A period without a value has null fields and says why in `missing`.",
        operationId: 'getIndicatorValues',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          {
            name: 'quarter',
            in: 'query',
            required: true,
            description: 'The financial quarter the series ends with, e.g. 2025/26 Q3 (Q1 = April–June)',
            schema: { type: 'string', maxLength: 40 },
          },
        ],
        responses: {
          '200': json({ $ref: '#/components/schemas/IndicatorValues' }),
          '400': {
            description: 'No quarter, or not a quarter (VALIDATION)',
            content: { 'application/json': { schema: error } },
          },
          ...errors,
        },
      },
    },
    // Registers (issue 20): src/http/api/v1/registerRoutes.ts.
    '/registers': {
      get: {
        summary: 'The operational registers the token holder may read, with their fields and the holder’s rights',
        description: 'Scope read. A register outside the holder’s readership is left out (deny by default).',
        operationId: 'listRegisters',
        responses: {
          '200': json({
            type: 'object',
            properties: {
              registers: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: true,
                  properties: {
                    id: { type: 'string' },
                    name: { type: 'string' },
                    classification: { type: 'string', enum: ['partnership', 'restricted'] },
                    marking: { type: 'string', enum: ['OFFICIAL', 'OFFICIAL-SENSITIVE'] },
                    geometry: { type: 'string' },
                    fields: { type: 'array', items: { type: 'object', additionalProperties: true } },
                    rights: {
                      type: 'object',
                      properties: {
                        write: { type: 'boolean' },
                        readPersonal: { type: 'boolean' },
                        export: { type: 'boolean' },
                      },
                    },
                  },
                },
              },
            },
          }),
          ...errors,
        },
      },
    },
    '/registers/{id}/entries': {
      get: {
        summary: 'A page of a register’s submitted entries, newest first, with the number that match',
        description:
          'Scope read. 403 with no data when the holder may not read the register. Personal fields (`personal`) only for the register’s personal readers; reads of OFFICIAL-SENSITIVE registers are audited.',
        operationId: 'listRegisterEntries',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          {
            name: 'from',
            in: 'query',
            description: 'Entries dated on or after, YYYY-MM-DD',
            schema: { type: 'string', format: 'date' },
          },
          {
            name: 'to',
            in: 'query',
            description: 'Entries dated on or before, YYYY-MM-DD',
            schema: { type: 'string', format: 'date' },
          },
          { name: 'ward', in: 'query', description: 'A ward code, e.g. E05009333', schema: { type: 'string' } },
          {
            name: 'q',
            in: 'query',
            description: 'Words the entry contains',
            schema: { type: 'string', maxLength: 200 },
          },
          { name: 'page', in: 'query', description: '50 entries a page', schema: { type: 'integer', minimum: 1 } },
        ],
        responses: {
          '200': json({
            type: 'object',
            properties: {
              register: { type: 'string' },
              marking: { type: 'string' },
              page: { type: 'integer' },
              pageSize: { type: 'integer' },
              total: { type: 'integer' },
              entries: { type: 'array', items: { type: 'object', additionalProperties: true } },
            },
          }),
          '400': {
            description: 'A filter that is not valid (VALIDATION)',
            content: { 'application/json': { schema: error } },
          },
          ...errors,
        },
      },
    },
    '/registers/{id}/entries/{entryId}': {
      get: {
        summary: 'One register entry: its values, place, version and who created it',
        description:
          'Scope read. 403 with no data when the holder may not read the register; 404 when there is no such entry they may see. The read of an OFFICIAL-SENSITIVE entry is audited.',
        operationId: 'getRegisterEntry',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'entryId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        ],
        responses: { '200': json({ type: 'object', additionalProperties: true }), ...errors },
      },
    },
    // Panels (issue 21): src/http/api/v1/panelsApi.ts.
    '/panels/counts': {
      get: {
        summary: 'Anonymous screening, referral and panel counts, with small counts suppressed',
        description:
          'Scope read; any token. Counted from the anonymous facts only (no case, no person), so every token holder may have them, released as every count outside a readership is: counts 1–7 shown as `*` (`value` null, `suppressed` true) with secondary suppression, over whole months. A rate or median is withheld when a count it is made of would be. The repeat referral rate comes with its 95% Wilson interval (`lower`, `upper`, per cent).',
        operationId: 'getPanelCounts',
        parameters: [
          {
            name: 'measure',
            in: 'query',
            required: true,
            schema: { type: 'string', enum: PANEL_MEASURE_IDS },
          },
          {
            name: 'period',
            in: 'query',
            description: 'Financial quarters by default (Q1 = April–June); none for the whole range',
            schema: { type: 'string', enum: [...PANEL_PERIODS], default: 'quarter' },
          },
          {
            name: 'by',
            in: 'query',
            description: 'A breakdown, or none',
            schema: { type: 'string', enum: PANEL_DIMENSIONS, default: 'none' },
          },
          {
            name: 'from',
            in: 'query',
            description: 'First day, YYYY-MM-DD (default: the first of the month eleven months ago)',
            schema: { type: 'string', format: 'date' },
          },
          {
            name: 'to',
            in: 'query',
            description: 'Last day, YYYY-MM-DD (default: today)',
            schema: { type: 'string', format: 'date' },
          },
          { name: 'panel', in: 'query', description: 'Only one panel, e.g. marac', schema: { type: 'string' } },
        ],
        responses: {
          '200': json({
            type: 'object',
            additionalProperties: true,
            properties: {
              measure: { type: 'string' },
              suppression: { type: ['string', 'null'] },
              periods: { type: 'array', items: { type: 'object', additionalProperties: true } },
              cells: { type: 'array', items: { type: 'object', additionalProperties: true } },
              periodTotals: { type: 'object', additionalProperties: { type: 'string' } },
              total: { type: 'string' },
            },
          }),
          '400': {
            description: 'A measure, period, breakdown or date that is not valid (VALIDATION)',
            content: { 'application/json': { schema: error } },
          },
          ...errors,
        },
      },
    },
    '/cases/{id}': {
      get: {
        summary: 'Never answers with a case: always 404',
        description:
          'API tokens never read case content (decision 0017), whatever their holder may read in the browser and whether or not the case exists, so this is always 404 NOT_FOUND. Cases are read in the browser, through need to know, each read audited; systems pull the anonymous counts from /panels/counts.',
        operationId: 'getCase',
        parameters: idParam,
        responses: {
          '404': {
            description: 'Always: tokens never read cases',
            content: { 'application/json': { schema: error } },
          },
          '401': errors['401'],
          '403': errors['403'],
        },
      },
    },
    '/batches': {
      get: {
        summary: 'Import batches visible to the token holder',
        operationId: 'listBatches',
        responses: {
          '200': json({
            type: 'object',
            properties: { batches: { type: 'array', items: { $ref: '#/components/schemas/Batch' } } },
          }),
          ...errors,
        },
      },
    },
    '/batches/{id}': {
      get: {
        summary: 'One import batch',
        operationId: 'getBatch',
        parameters: idParam,
        responses: { '200': json({ $ref: '#/components/schemas/Batch' }), ...errors },
      },
    },
    '/batches/{id}/counts': {
      get: {
        summary: 'Export the counts a batch holds (recorded in the audit log; never personal data)',
        operationId: 'exportBatchCounts',
        parameters: idParam,
        responses: {
          '200': json({
            type: 'object',
            properties: {
              disclosure: { $ref: '#/components/schemas/Disclosure' },
              counts: { type: 'array', items: { $ref: '#/components/schemas/Count' } },
            },
          }),
          ...errors,
        },
      },
    },
    '/batches/{id}/undo': {
      post: {
        summary: "Undo an import batch (write scope; the owning agency's data owner)",
        operationId: 'undoBatch',
        parameters: idParam,
        responses: {
          '200': json({ $ref: '#/components/schemas/UndoOutcome' }),
          '409': { description: 'Already undone', content: { 'application/json': { schema: error } } },
          ...errors,
        },
      },
    },
  },
  components: {
    securitySchemes: {
      bearerToken: {
        type: 'http',
        scheme: 'bearer',
        description: 'A token from "safer tokens create"; scope read or write.',
      },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
      Me: {
        type: 'object',
        properties: {
          email: { type: 'string' },
          agency: { type: 'string' },
          role: { type: 'string' },
          scope: { type: 'string', enum: ['read', 'write'] },
        },
      },
      Batch: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          fileName: { type: 'string' },
          layout: { type: 'string' },
          series: { type: 'string' },
          extractDate: { type: 'string', format: 'date' },
          status: { type: 'string', enum: ['imported', 'undone'] },
          classification: { type: 'string', enum: ['public', 'partnership', 'restricted', 'personal'] },
          owningAgency: { type: 'string' },
          rowsRead: { type: 'integer' },
          importedAt: { type: 'string', format: 'date-time' },
        },
      },
      Count: {
        type: 'object',
        properties: {
          areaCode: { type: 'string' },
          month: { type: 'string', format: 'date' },
          major: { type: 'string' },
          minor: { type: 'string' },
          measure: { type: 'string' },
          value: { oneOf: [{ type: 'integer' }, { type: 'string', description: 'the suppression symbol' }] },
        },
      },
      Disclosure: {
        type: 'object',
        properties: { rule: { type: 'string' }, note: { type: 'string' }, suppressedCells: { type: 'integer' } },
      },
      AnalysisResult: {
        type: 'object',
        required: ['shape', 'figures', 'definition', 'vintage', 'warnings'],
        properties: {
          shape: {
            type: 'string',
            enum: FIGURE_SHAPES,
            description: `Which fields each figure carries beyond the common ones: ${FIGURE_SHAPES.map((s) => `${s} (${Object.keys(FIELD_RULES[s]).join(', ') || 'none'})`).join('; ')}.`,
          },
          figures: { type: 'array', items: { $ref: '#/components/schemas/Figure' } },
          definition: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              version: { type: ['integer', 'null'] },
              name: { type: 'string' },
              counts: { type: 'string', enum: ['offences', 'victims', 'records', 'searches'] },
            },
          },
          vintage: {
            type: 'object',
            properties: {
              source: { type: 'string' },
              extractDates: { type: 'array', items: { type: 'string', format: 'date' } },
              denominator: { type: ['string', 'null'] },
              asOf: { type: ['string', 'null'] },
              synthetic: { type: 'boolean' },
            },
          },
          warnings: { type: 'array', items: { type: 'string' } },
        },
      },
      Figure: {
        type: 'object',
        additionalProperties: true,
        description:
          'Group columns, the value and how it was made; extra properties (benchmarks, compare, spc, rateRatio, rank…) depend on the breakdown.',
        properties: {
          group: { type: 'object', additionalProperties: { type: 'string' } },
          count: { type: ['integer', 'null'] },
          denominator: { type: ['number', 'null'] },
          rate: { type: ['number', 'null'] },
          lower: { type: ['number', 'null'] },
          upper: { type: ['number', 'null'] },
          multiplier: { type: ['number', 'null'] },
          method: { type: 'string' },
          confidence: { type: ['string', 'null'] },
          definition: { type: 'string' },
          source: { type: 'string' },
          extractDate: { type: ['string', 'null'], format: 'date' },
          suppressed: {
            type: 'boolean',
            description: 'Present when a disclosure rule applies: true when this figure was withheld',
          },
          suppression: { type: 'string', enum: ['primary', 'secondary'] },
          disclosureRule: { type: 'string', description: 'e.g. case-derived' },
        },
      },
      Indicator: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          version: { type: 'integer' },
          name: { type: 'string' },
          theme: { type: 'string' },
          leadAgency: { type: 'string', enum: [...AGENCY_KINDS] },
          subgroup: { type: 'string' },
          unit: described('count; rate (per, population); percentage (numerator, denominator)'),
          polarity: { type: 'string', enum: ['higher-is-better', 'lower-is-better', 'neither'] },
          periodType: { type: 'string', enum: ['financial-year', 'october-september', 'quarter', 'rolling-12-months'] },
          baseline: { type: ['string', 'null'], description: 'The baseline period, e.g. SA 2011/12' },
          target: described('none; value (value, tolerance); change (percent, against, tolerance)'),
          source: described('computed (definition or category) or returned (description)'),
          citation: { type: 'string' },
        },
      },
      IndicatorValue: {
        type: 'object',
        properties: {
          periodId: { type: 'string' },
          periodLabel: { type: 'string' },
          value: { type: ['number', 'null'] },
          numerator: { type: ['number', 'null'] },
          denominator: { type: ['number', 'null'] },
          comparability: { type: ['string', 'null'], description: 'Values with different keys are not comparable' },
          partial: { type: 'boolean', description: 'Fewer months counted than the period has: shown, never judged' },
          synthetic: { type: 'boolean', description: 'SYNTHETIC demo data' },
          origin: {
            type: ['object', 'null'],
            additionalProperties: true,
            description:
              'kind computed (source, extractDate, definition, definitionVersion) or returned (returnId, valueId, commentary, enteredAt, enteredBy)',
          },
          missing: { type: ['string', 'null'], description: 'Why there is no value' },
        },
      },
      IndicatorValues: {
        type: 'object',
        properties: {
          quarter: { type: 'string' },
          area: { type: 'string' },
          indicator: { $ref: '#/components/schemas/Indicator' },
          values: { type: 'array', items: { $ref: '#/components/schemas/IndicatorValue' } },
          baseline: { oneOf: [{ $ref: '#/components/schemas/IndicatorValue' }, { type: 'null' }] },
          assessment: {
            type: 'object',
            properties: {
              latestPeriod: { type: ['string', 'null'] },
              previousPeriod: { type: ['string', 'null'] },
              direction: stated('improving, worsening, no change, not rated, new indicator, not comparable, no value'),
              targetRag: stated('green, amber, red, no target, not comparable, no reference value'),
              statisticalRag: stated(
                'significantly better, significantly worse, no significant difference, significantly higher, significantly lower, not tested, not comparable, no comparison',
              ),
            },
          },
        },
      },
      UndoOutcome: {
        type: 'object',
        properties: {
          batchId: { type: 'integer' },
          slicesRemoved: { type: 'integer' },
          slicesRestored: { type: 'integer' },
        },
      },
    },
  },
} as const;
