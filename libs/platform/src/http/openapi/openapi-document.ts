import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { z } from 'zod';
import { API_CONTRACT, ApiContractOptions, ZodPipe } from '../api-contract';
import { pathParametersOf, securityOf, tagsOf } from './route-docs';
import { Json, SchemaComponents } from './schema-components';
import { errorResponses, responseHeaders, STANDARD_ERRORS, successHeaders } from './standard-responses';

/** A call the platform makes to the tenant (a webhook, the fulfillment API), for the document's `webhooks`. */
export interface OutgoingCallDoc {
  /** The key under `webhooks`, e.g. the event type. */
  name: string;
  operationId: string;
  summary: string;
  description: string;
  /** Request headers the platform sends. */
  headers: Array<{ name: string; description: string; schema: z.ZodType; example?: string }>;
  body: z.ZodType;
  /** What the tenant answers for the call to count as delivered. */
  answer: { description: string; schema?: z.ZodType };
}

export interface ApiDescription {
  title: string;
  description: string;
  version: string;
  servers: Array<{ url: string; description: string }>;
  /** OpenAPI security schemes by name; the document keeps those its routes accept. */
  securitySchemes: Record<string, Json>;
  /** The controllers whose routes the document describes. */
  controllers: Array<Type<unknown>>;
  outgoing?: OutgoingCallDoc[];
}

const METHODS: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.DELETE]: 'delete',
  [RequestMethod.PATCH]: 'patch',
};

/**
 * The OpenAPI 3.1 document of a gateway, from its controllers' routes (Nest's own metadata),
 * their `@ApiContract` and `@Auth`, and the contract schemas. A route without a contract, a
 * parameter without a description or a path style without its own operation id is an error
 * here, not a gap in the document.
 */
export function buildOpenApiDocument(api: ApiDescription): Json {
  const schemas = new SchemaComponents();
  const paths: Record<string, Record<string, Json>> = {};
  const schemesUsed = new Set<string>();
  const tags = new Set<string>();
  for (const controller of api.controllers) {
    for (const route of routesOf(controller)) {
      const ids = ([] as string[]).concat(route.contract.operationId);
      if (ids.length !== route.paths.length) throw new Error(`${controller.name}.${route.handlerName}: ${route.paths.length} paths, ${ids.length} operation ids`);
      const security = securityOf(controller, route.handler);
      if (security.length === 0) throw new Error(`${controller.name}.${route.handlerName}: no security scheme (@Auth)`);
      security.forEach((scheme) => schemesUsed.add(scheme));
      tagsOf(controller).forEach((tag) => tags.add(tag));
      route.paths.forEach((path, index) => {
        const openApiPath = path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
        (paths[openApiPath] ??= {})[route.method] = operation(schemas, controller, route, path, ids[index]!, security);
      });
    }
  }
  if (api.outgoing?.length) tags.add('outgoing calls');
  const document: Json = {
    openapi: '3.1.0',
    info: { title: api.title, description: api.description, version: api.version, license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' }, contact: { name: 'Phoenix Rewards' } },
    servers: api.servers,
    tags: [...tags].sort().map((name) => ({ name, description: `Operations on ${name}` })),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    ...(api.outgoing?.length ? { webhooks: Object.fromEntries(api.outgoing.map((call) => [call.name, { post: outgoingOperation(schemas, call) }])) } : {}),
    components: {
      responses: errorResponses(schemas),
      headers: responseHeaders(),
      securitySchemes: Object.fromEntries(Object.entries(api.securitySchemes).filter(([name]) => schemesUsed.has(name))),
    },
  };
  const components = document['components'] as Json;
  components['schemas'] = schemas.resolve(document);
  for (const kind of ['responses', 'headers']) components[kind] = referenced(document, kind, components[kind] as Json);
  return document;
}

/** The entries of `components[kind]` that the document refers to. */
function referenced(document: Json, kind: string, entries: Json): Json {
  const text = JSON.stringify(document);
  return Object.fromEntries(Object.entries(entries).filter(([name]) => text.includes(`"#/components/${kind}/${name}"`)));
}

interface Route {
  handlerName: string;
  handler: object;
  method: string;
  paths: string[];
  contract: ApiContractOptions;
  /** The schemas of the handler's `@Param` pipes, by parameter name. */
  params: Map<string, z.ZodType>;
}

function routesOf(controller: Type<unknown>): Route[] {
  const prefixes = ([] as string[]).concat((Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined) ?? '');
  const routes: Route[] = [];
  for (const handlerName of Object.getOwnPropertyNames(controller.prototype)) {
    const handler = (controller.prototype as Record<string, unknown>)[handlerName];
    if (handlerName === 'constructor' || typeof handler !== 'function') continue;
    const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (requestMethod === undefined) continue;
    const method = METHODS[requestMethod];
    const contract = Reflect.getMetadata(API_CONTRACT, handler) as ApiContractOptions | undefined;
    if (!method || !contract) throw new Error(`${controller.name}.${handlerName}: a route without @ApiContract (or of an undocumented method)`);
    const suffixes = ([] as string[]).concat((Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined) ?? '');
    const paths = prefixes.flatMap((prefix) => suffixes.map((suffix) => `/${[prefix, suffix].filter(Boolean).join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1')));
    routes.push({ handlerName, handler, method, paths, contract, params: paramSchemas(controller, handlerName) });
  }
  return routes;
}

function paramSchemas(controller: Type<unknown>, handlerName: string): Map<string, z.ZodType> {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handlerName) ?? {}) as Record<string, { data?: unknown; pipes?: unknown[] }>;
  const params = new Map<string, z.ZodType>();
  for (const [key, arg] of Object.entries(args)) {
    if (!key.startsWith(`${RouteParamtypes.PARAM}:`) || typeof arg.data !== 'string') continue;
    const pipe = arg.pipes?.find((candidate): candidate is ZodPipe<z.ZodType> => candidate instanceof ZodPipe);
    if (pipe) params.set(arg.data, pipe.schema);
  }
  return params;
}

function operation(schemas: SchemaComponents, controller: Type<unknown>, route: Route, path: string, operationId: string, security: string[]): Json {
  const { contract } = route;
  const where = `${operationId} (${path})`;
  const documented = new Map(pathParametersOf(controller).map((parameter) => [parameter.name, parameter]));
  const parameters: Json[] = [];
  for (const [, name] of path.matchAll(/:([A-Za-z0-9_]+)/g)) {
    const schema = route.params.get(name!) ?? documented.get(name!)?.schema;
    const description = documented.get(name!)?.description ?? (schema && SchemaComponents.descriptionOf(schema));
    if (!schema || !description) throw new Error(`${where}: path parameter ${name} needs a schema (a zod @Param pipe) and a description`);
    parameters.push({ name, in: 'path', required: true, description, schema: schemas.use(schema, 'input') });
  }
  for (const [name, field] of Object.entries(contract.query?.shape ?? {})) {
    const schema = field as z.ZodType;
    const description = SchemaComponents.descriptionOf(schema);
    if (!description) throw new Error(`${where}: query parameter ${name} has no description (.describe() in its contract)`);
    parameters.push({ name, in: 'query', required: !schema.safeParse(undefined).success, description, schema: schemas.use(schema, 'input') });
  }
  if (contract.etag) {
    parameters.push({ name: 'If-None-Match', in: 'header', required: false, description: 'The ETag of an answer held: 304 while it is current', schema: { type: 'string' } });
  }
  const status = String(contract.status ?? 200);
  const responses: Json = {
    [status]: {
      description: 'Success',
      headers: successHeaders(Boolean(contract.etag)),
      ...(contract.response ? { content: { 'application/json': { schema: schemas.use(contract.response, 'output') } } } : {}),
    },
  };
  if (contract.etag) responses['304'] = { description: 'Not modified: the If-None-Match tag is the current ETag', headers: successHeaders(true) };
  const errors = new Set([...STANDARD_ERRORS, ...(contract.body ? [413, 415] : []), ...(contract.errors ?? [])]);
  for (const errorStatus of [...errors].sort()) responses[String(errorStatus)] = { $ref: `#/components/responses/Error${errorStatus}` };
  return {
    operationId,
    summary: contract.summary,
    tags: tagsOf(controller),
    security: security.map((scheme) => ({ [scheme]: [] })),
    ...(parameters.length ? { parameters } : {}),
    ...(contract.body
      ? { requestBody: { required: !contract.bodyOptional, content: { 'application/json': { schema: schemas.use(contract.body, 'input') } } } }
      : {}),
    responses,
  };
}

function outgoingOperation(schemas: SchemaComponents, call: OutgoingCallDoc): Json {
  return {
    operationId: call.operationId,
    summary: call.summary,
    description: call.description,
    tags: ['outgoing calls'],
    // The tenant's own endpoint: it checks the signature headers, no credential of ours.
    security: [],
    parameters: call.headers.map(({ name, description, schema, example }) => ({
      name,
      in: 'header',
      required: true,
      description,
      schema: schemas.use(schema, 'output'),
      ...(example ? { example } : {}),
    })),
    requestBody: { required: true, content: { 'application/json': { schema: schemas.use(call.body, 'output') } } },
    responses: {
      '200': {
        description: call.answer.description,
        ...(call.answer.schema ? { content: { 'application/json': { schema: schemas.use(call.answer.schema, 'input') } } } : {}),
      },
      default: { description: 'Any other answer, or none in time, is a failed attempt: it is retried with backoff' },
    },
  };
}
