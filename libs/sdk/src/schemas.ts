import type { components as AdminComponents, paths as AdminPaths, webhooks as AdminWebhooks } from './generated/admin-gateway.js';
import type { components as QueryComponents, paths as QueryPaths } from './generated/query-gateway.js';

/** Named component schemas of the query gateway's document, e.g. `QuerySchemas['OrderView']`. */
export type QuerySchemas = QueryComponents['schemas'];
/** Named component schemas of the admin gateway's document, e.g. `AdminSchemas['CreateRewardBody']`. */
export type AdminSchemas = AdminComponents['schemas'];

/** The one error shape of both gateways: `{statusCode, error, code, message, details?}`. */
export type HttpErrorBody = QuerySchemas['HttpErrorBody'];
export type ErrorCode = HttpErrorBody['code'];

export type { AdminPaths, AdminWebhooks, QueryPaths };
