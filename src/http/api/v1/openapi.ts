/** The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. */
const error = { $ref: '#/components/schemas/Error' };
const errors = {
  '401': { description: 'No valid token', content: { 'application/json': { schema: error } } },
  '403': { description: 'The token or its holder may not do this', content: { 'application/json': { schema: error } } },
  '404': { description: 'Not found, or not visible to the token holder', content: { 'application/json': { schema: error } } },
  '429': { description: 'Rate limited', content: { 'application/json': { schema: error } } },
};
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }];
const json = (schema: unknown, description = 'OK') => ({ description, content: { 'application/json': { schema } } });

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Safer API',
    version: '1.0.0',
    description: 'Serious violence data for the Community Safety Partnership. Every answer is limited to what the token holder\'s agency and role may see.',
  },
  servers: [{ url: '/api/v1' }],
  security: [{ bearerToken: [] }],
  paths: {
    '/me': { get: { summary: 'Who the token belongs to', operationId: 'getMe', responses: { '200': json({ $ref: '#/components/schemas/Me' }), ...errors } } },
    '/batches': {
      get: { summary: 'Import batches visible to the token holder', operationId: 'listBatches', responses: { '200': json({ type: 'object', properties: { batches: { type: 'array', items: { $ref: '#/components/schemas/Batch' } } } }), ...errors } },
    },
    '/batches/{id}': {
      get: { summary: 'One import batch', operationId: 'getBatch', parameters: idParam, responses: { '200': json({ $ref: '#/components/schemas/Batch' }), ...errors } },
    },
    '/batches/{id}/counts': {
      get: {
        summary: 'Export the counts a batch holds (recorded in the audit log; never personal data)', operationId: 'exportBatchCounts', parameters: idParam,
        responses: { '200': json({ type: 'object', properties: { disclosure: { $ref: '#/components/schemas/Disclosure' }, counts: { type: 'array', items: { $ref: '#/components/schemas/Count' } } } }), ...errors },
      },
    },
    '/batches/{id}/undo': {
      post: { summary: 'Undo an import batch (write scope; the owning agency\'s data owner)', operationId: 'undoBatch', parameters: idParam, responses: { '200': json({ $ref: '#/components/schemas/UndoOutcome' }), '409': { description: 'Already undone', content: { 'application/json': { schema: error } } }, ...errors } },
    },
  },
  components: {
    securitySchemes: { bearerToken: { type: 'http', scheme: 'bearer', description: 'A token from "safer tokens create"; scope read or write.' } },
    schemas: {
      Error: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } } },
      Me: { type: 'object', properties: { email: { type: 'string' }, agency: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string', enum: ['read', 'write'] } } },
      Batch: {
        type: 'object',
        properties: {
          id: { type: 'integer' }, fileName: { type: 'string' }, layout: { type: 'string' }, series: { type: 'string' }, extractDate: { type: 'string', format: 'date' },
          status: { type: 'string', enum: ['imported', 'undone'] }, classification: { type: 'string', enum: ['public', 'partnership', 'restricted', 'personal'] },
          owningAgency: { type: 'string' }, rowsRead: { type: 'integer' }, importedAt: { type: 'string', format: 'date-time' },
        },
      },
      Count: { type: 'object', properties: { areaCode: { type: 'string' }, month: { type: 'string', format: 'date' }, major: { type: 'string' }, minor: { type: 'string' }, measure: { type: 'string' }, value: { oneOf: [{ type: 'integer' }, { type: 'string', description: 'the suppression symbol' }] } } },
      Disclosure: { type: 'object', properties: { rule: { type: 'string' }, note: { type: 'string' }, suppressedCells: { type: 'integer' } } },
      UndoOutcome: { type: 'object', properties: { batchId: { type: 'integer' }, slicesRemoved: { type: 'integer' }, slicesRestored: { type: 'integer' } } },
    },
  },
} as const;
