import createClient, { type Client } from 'openapi-fetch';
import { createHmacSigner, type HmacCredentials } from './hmac.js';
import { type RequestFetch, type RetryOptions, withRetries } from './retry.js';
import type { AdminPaths, QueryPaths } from './schemas.js';

export type QueryClient = Client<QueryPaths>;
export type AdminClient = Client<AdminPaths>;

/** A credential, or a function that gives the current one (asked on every attempt, so it may refresh). */
export type Credential = string | (() => string | Promise<string>);

interface CommonOptions {
  /** The gateway's origin, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** Resend on 502/503/504 and network errors (see `withRetries`); on by default, `false` turns it off. */
  retry?: RetryOptions | false;
  /** The fetch underneath (default `globalThis.fetch`). */
  fetch?: RequestFetch;
  /** Headers sent on every call, e.g. an `X-Request-Id`. */
  headers?: Record<string, string>;
}

export interface QueryClientOptions extends CommonOptions {
  /** A user JWT (`mintUserToken`) sent as `Authorization: Bearer`: what a client app uses. */
  token?: Credential;
  /** Or HMAC request signing with the tenant's `hmac_secret`: what a tenant's server uses. */
  hmac?: HmacCredentials;
}

export interface AdminClientOptions extends CommonOptions {
  /** The tenant's API key (or, for the tenant routes under `/v1/tenants`, the platform key), as `X-API-Key`. */
  apiKey?: Credential;
  /** Or an admin JWT (`sub`, `tenant_id`, `role: "admin"`), as `Authorization: Bearer`. */
  adminToken?: Credential;
}

/** The typed client of the query gateway (what apps and tenant servers call). */
export function createQueryClient(options: QueryClientOptions): QueryClient {
  if (options.token !== undefined && options.hmac) throw new TypeError('createQueryClient: give either token or hmac, not both');
  const sign = options.hmac ? createHmacSigner(options.hmac) : undefined;
  const authorize = async (request: Request) => {
    if (sign) return sign(request);
    if (options.token !== undefined) request.headers.set('authorization', `Bearer ${await read(options.token)}`);
    return request;
  };
  return createClient<QueryPaths>({ baseUrl: options.baseUrl, fetch: transport(options, authorize), ...headersOf(options) });
}

/** The typed client of the admin gateway (a tenant's back office and backend). */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  if (options.apiKey !== undefined && options.adminToken !== undefined) throw new TypeError('createAdminClient: give either apiKey or adminToken, not both');
  const authorize = async (request: Request) => {
    if (options.apiKey !== undefined) request.headers.set('x-api-key', await read(options.apiKey));
    if (options.adminToken !== undefined) request.headers.set('authorization', `Bearer ${await read(options.adminToken)}`);
    return request;
  };
  return createClient<AdminPaths>({ baseUrl: options.baseUrl, fetch: transport(options, authorize), ...headersOf(options) });
}

/**
 * Credentials are set on each attempt, below the resends: an HMAC signature is made anew for every
 * attempt (the gateway refuses a signature it has seen) and a token function is asked again.
 */
function transport(options: CommonOptions, authorize: (request: Request) => Promise<Request>): RequestFetch {
  const base: RequestFetch = options.fetch ?? ((request) => globalThis.fetch(request));
  const authorized: RequestFetch = async (request) => base(await authorize(request));
  return options.retry === false ? authorized : withRetries(authorized, options.retry ?? {});
}

function headersOf(options: CommonOptions): { headers?: Record<string, string> } {
  return options.headers ? { headers: options.headers } : {};
}

async function read(credential: Credential): Promise<string> {
  return typeof credential === 'string' ? credential : credential();
}
