import { contractOf } from './contract';

// A small document of the same form as openapi/*.json: the checker's logic on its own.
const document = {
  openapi: '3.1.0',
  paths: {
    '/v1/things/{id}': {
      get: {
        operationId: 'getThing',
        responses: {
          200: {
            description: 'ok',
            headers: { 'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' } },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
          404: { $ref: '#/components/responses/Error404' },
        },
      },
    },
    '/v1/things/special': { get: { operationId: 'getSpecial', responses: { 204: { description: 'nothing' } } } },
  },
  components: {
    headers: { 'X-Request-Id': { required: true, schema: { type: 'string' } } },
    responses: { Error404: { description: 'no', content: { 'application/json': { schema: { $ref: '#/components/schemas/HttpErrorBody' } } } } },
    schemas: {
      Thing: { type: 'object', required: ['id', 'at'], properties: { id: { type: 'string' }, at: { type: 'string', format: 'date-time' } }, additionalProperties: false },
      HttpErrorBody: { type: 'object', required: ['error', 'message'], properties: { error: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

describe('the contract checker (an answer against the OpenAPI document)', () => {
  const contract = contractOf('query-gateway', document);
  const headers = (entries: Record<string, string> = { 'x-request-id': 'r-1' }) => new Headers(entries);
  const error = { error: 'NOT_FOUND', message: 'no such thing' };

  it('passes a documented answer: status, required header and body schema (formats included)', () => {
    expect(contract.violations('GET', '/v1/things/t-1', 200, headers(), { id: 't-1', at: '2026-12-08T01:00:00.000Z' })).toEqual([]);
    expect(contract.violations('GET', '/v1/things/t-1?x=1', 404, headers(), error)).toEqual([]);
    expect(contract.violations('HEAD', '/v1/things/t-1', 200, headers(), undefined)).toEqual([]);
  });

  it('prefers the literal route to the templated one', () => {
    expect(contract.violations('GET', '/v1/things/special', 204, headers(), undefined)).toEqual([]);
    expect(contract.violations('GET', '/v1/things/special', 200, headers(), { id: 'special', at: '2026-12-08T01:00:00Z' })).toEqual([
      expect.stringContaining('status 200 is not a documented response of getSpecial'),
    ]);
  });

  it('refuses drift: an undocumented status, a body off its schema, a missing required header, a body where none is described', () => {
    expect(contract.violations('GET', '/v1/things/t-1', 500, headers(), error)).toEqual([expect.stringContaining('status 500 is not a documented response')]);
    expect(contract.violations('GET', '/v1/things/t-1', 200, headers(), { id: 't-1', at: 'yesterday' })[0]).toMatch(/does not match the document.*format/);
    expect(contract.violations('GET', '/v1/things/t-1', 200, headers(), { id: 't-1', at: '2026-12-08T01:00:00Z', extra: 1 })[0]).toMatch(/additional/);
    expect(contract.violations('GET', '/v1/things/t-1', 200, headers({}), { id: 't-1', at: '2026-12-08T01:00:00Z' })).toEqual([expect.stringContaining('required header X-Request-Id')]);
    expect(contract.violations('GET', '/v1/things/special', 204, headers(), { surprise: true })).toEqual([expect.stringContaining('describes no body')]);
  });

  it('lets the router answer what the document does not have: 404 off its paths, 405 for another method, in the error shape only', () => {
    expect(contract.violations('GET', '/v1/nowhere', 404, headers(), error)).toEqual([]);
    expect(contract.violations('POST', '/v1/things//x', 405, headers(), { error: 'METHOD_NOT_ALLOWED', message: 'no' })).toEqual([]);
    expect(contract.violations('DELETE', '/v1/things/t-1', 405, headers(), { error: 'METHOD_NOT_ALLOWED', message: 'no' })).toEqual([]);
    expect(contract.violations('GET', '/v1/nowhere', 200, headers(), {})).toEqual([expect.stringContaining('the path is not in the document')]);
    expect(contract.violations('DELETE', '/v1/things/t-1', 200, headers(), {})).toEqual([expect.stringContaining('no DELETE on /v1/things/{id}')]);
    expect(contract.violations('GET', '/v1/nowhere', 404, headers(), { oops: 1 })).toEqual([expect.stringContaining('not the error shape')]);
  });
});
