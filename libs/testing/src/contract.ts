import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { appendFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { GatewayName } from './gateway-beside';

/**
 * The contract test (issue 11): every answer a test gets from a gateway through `call` is checked
 * against the committed OpenAPI document of that gateway (openapi/<gateway>.json): the route and
 * method must be in it, the status must be one it lists for them, the headers it marks required
 * must be there, and a JSON body must match the response's schema. A path the document does not
 * have may only be answered 404, a known path asked with another method only 405, both in the
 * error shape. Anything else is drift, and `call` throws it.
 *
 * Hand-written on ajv (the JSON Schema validator the OpenAPI tools themselves use): an OpenAPI
 * 3.1 schema is JSON Schema 2020-12, so the document's own schemas are compiled as they are, by
 * JSON pointer into the document, and what is left (finding the operation, the status, the
 * response and header `$ref`s) is a few lines.
 */


interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject | unknown>>;
  components?: Record<string, Record<string, unknown>>;
}

interface OperationObject {
  operationId?: string;
  responses: Record<string, ResponseObject | RefObject>;
}

interface ResponseObject {
  headers?: Record<string, HeaderObject | RefObject>;
  content?: Record<string, { schema?: unknown }>;
}

interface HeaderObject {
  required?: boolean;
}

interface RefObject {
  $ref: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** What the HTTP server answers before a route is found: a malformed request, one too slow, headers too large. */
const BEFORE_ROUTING = [400, 408, 431];
const workspaceRoot = resolve(__dirname, '../../..');

/** A document, its routes as patterns (most literal segments first) and its compiled schemas. */
class Contract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly routes: Array<{ template: string; pattern: RegExp; literals: number }>;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly id: string;

  constructor(
    readonly gateway: string,
    private readonly document: OpenApiDocument,
  ) {
    addFormats(this.ajv);
    this.id = `https://phoenix.test/${gateway}.json`;
    this.ajv.addSchema(document as object, this.id);
    this.routes = Object.keys(document.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
        literals: template.split('/').filter((segment) => segment && !segment.startsWith('{')).length,
      }))
      .sort((a, b) => b.literals - a.literals);
  }

  /** What is wrong with this answer, by the document; empty when nothing is. */
  violations(method: string, url: string, status: number, headers: Headers, body: unknown): string[] {
    // The path as it goes on the wire (fetch resolves `.` and `..` segments).
    const path = new URL(url, 'http://gateway.test').pathname;
    const verb = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
    const where = `${method.toUpperCase()} ${path} → ${status}`;
    const matching = this.routes.filter((route) => route.pattern.test(path));
    const route = matching.find((candidate) => this.operation(candidate.template, verb));
    if (!route) {
      // Not an operation of the document: only the router's own answers, in the error shape. A path
      // the document has, asked with another method, is 405; one it lacks is 404, or 405 when the
      // router's own matching (which, unlike the document's templates, lets a parameter be empty:
      // /orders//claim) finds a route of other methods there.
      // The HTTP server's own answers before routing (create-http-app.ts) may come on any path.
      const allowed = [...(matching.length === 0 ? [404, 405] : [405]), ...BEFORE_ROUTING];
      if (!allowed.includes(status)) return [`${where}: ${matching.length === 0 ? 'the path is not in the document' : `the document has no ${verb.toUpperCase()} on ${matching[0]!.template}`}, so only ${allowed.join(' or ')} may answer`];
      return this.errorShape(where, body);
    }
    const operation = this.operation(route.template, verb)!;
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((candidate) => candidate in operation.responses);
    if (!key) return [`${where}: status ${status} is not a documented response of ${operation.operationId ?? `${verb} ${route.template}`} (documented: ${Object.keys(operation.responses).join(', ')})`];
    const pointer = this.pointerTo(['paths', route.template, verb, 'responses', key], operation.responses[key]!);
    const response = this.resolve<ResponseObject>(pointer.value);
    const problems: string[] = [];
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      if (this.resolve<HeaderObject>(header).required && !headers.has(name)) problems.push(`${where}: the required header ${name} is missing`);
    }
    const json = response.content?.['application/json'];
    if (json?.schema !== undefined && method.toUpperCase() !== 'HEAD') {
      const validate = this.validator([...pointer.path, 'content', 'application/json', 'schema']);
      if (!validate(body)) problems.push(`${where}: the body does not match the document: ${this.ajv.errorsText(validate.errors, { separator: '; ' })}`);
    } else if (!json && body !== undefined && body !== '') {
      problems.push(`${where}: the document describes no body, the answer has one`);
    }
    return problems;
  }

  private operation(template: string, verb: string): OperationObject | undefined {
    const item = this.document.paths[template];
    return item && METHODS.includes(verb) ? (item[verb] as OperationObject | undefined) : undefined;
  }

  private errorShape(where: string, body: unknown): string[] {
    const validate = this.validator(['components', 'schemas', 'HttpErrorBody']);
    return validate(body) ? [] : [`${where}: not the error shape: ${this.ajv.errorsText(validate.errors, { separator: '; ' })}`];
  }

  /** Follows a response's `$ref` (into components.responses) to the place its schema is. */
  private pointerTo(path: string[], value: unknown): { path: string[]; value: unknown } {
    const ref = (value as Partial<RefObject>).$ref;
    if (!ref) return { path, value };
    const target = ref.replace(/^#\//, '').split('/').map(unescapePointer);
    return this.pointerTo(target, this.at(target));
  }

  private resolve<T>(value: unknown): T {
    const ref = (value as Partial<RefObject>).$ref;
    return (ref ? this.resolve(this.at(ref.replace(/^#\//, '').split('/').map(unescapePointer))) : value) as T;
  }

  private at(path: string[]): unknown {
    return path.reduce<unknown>((node, segment) => (node as Record<string, unknown> | undefined)?.[segment], this.document);
  }

  private validator(path: string[]): ValidateFunction {
    const ref = `${this.id}#/${path.map(escapePointer).join('/')}`;
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.validators.set(ref, validate);
    }
    return validate;
  }
}

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapePointer = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

/** The committed document of a gateway, or one given (tests of this module). */
export function contractOf(gateway: GatewayName, document?: unknown): Contract {
  const loaded = document ?? JSON.parse(readFileSync(join(workspaceRoot, 'openapi', `${gateway}.json`), 'utf8'));
  return new Contract(gateway, loaded as OpenApiDocument);
}

const contracts = new Map<GatewayName, Contract>();
const gateways = new Map<string, GatewayName>();
let stacksRead = false;

/** Tells `call` that answers from `baseUrl` are checked against `gateway`'s document. */
export function registerGateway(baseUrl: string, gateway: GatewayName): void {
  gateways.set(new URL(baseUrl).origin, gateway);
}

/** The gateway at `baseUrl`: registered in this process, or one of the e2e tier's shared stacks. */
export function gatewayAt(baseUrl: string): GatewayName | undefined {
  if (!stacksRead) {
    stacksRead = true;
    const file = process.env['PHOENIX_E2E_STACKS'];
    if (file) {
      for (const stack of JSON.parse(readFileSync(file, 'utf8')) as Array<{ queryUrl: string; adminUrl: string }>) {
        registerGateway(stack.queryUrl, 'query-gateway');
        registerGateway(stack.adminUrl, 'admin-gateway');
      }
    }
  }
  try {
    return gateways.get(new URL(baseUrl).origin);
  } catch {
    return undefined;
  }
}

export class ContractViolation extends Error {
  constructor(problems: string[]) {
    super(`the answer is not what the OpenAPI document says (openapi/*.json; npm run openapi after changing the API):\n  ${problems.join('\n  ')}`);
    this.name = 'ContractViolation';
  }
}

/** Throws what is wrong with an answer of a registered gateway; answers of anything else pass. */
export function assertContract(baseUrl: string, method: string, path: string, status: number, headers: Headers, body: unknown): void {
  if (!path.startsWith('/v1/') || method.toUpperCase() === 'OPTIONS') return; // docs, probes, metrics, CORS preflights
  const gateway = gatewayAt(baseUrl);
  if (!gateway) return;
  let contract = contracts.get(gateway);
  if (!contract) {
    contract = contractOf(gateway);
    contracts.set(gateway, contract);
  }
  const problems = contract.violations(method, path, status, headers, body);
  if (problems.length === 0) return;
  // PHOENIX_CONTRACT_REPORT=<file>: every violation of a whole run written down instead of thrown.
  const report = process.env['PHOENIX_CONTRACT_REPORT'];
  if (report) appendFileSync(report, `${problems.join('\n')}\n`);
  else throw new ContractViolation(problems);
}
