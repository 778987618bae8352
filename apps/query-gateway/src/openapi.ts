import { OPENAPI_SECURITY_SCHEMES } from '@phoenix/auth';
import type { ApiDescription } from '@phoenix/platform';
import { CatalogController } from './catalog/catalog.controller';
import { GrantHistoryController } from './grants/grant-history.controller';
import { OrdersController } from './orders/orders.controller';
import { WalletsController } from './wallets/wallets.controller';

export const QUERY_GATEWAY_CONTROLLERS = [WalletsController, CatalogController, OrdersController, GrantHistoryController];

/** What the query gateway's OpenAPI document says (served on /docs-json, committed as openapi/query-gateway.json). */
export const QUERY_GATEWAY_API: ApiDescription = {
  title: 'Phoenix Rewards — query gateway',
  description:
    'Client API: catalog, purchases, orders, grant history, wallets. A tenant user JWT or HMAC request signing. ' +
    'The `/v1/rewards/…` routes come in two path styles: without the tenant (the credential names it) and with it (`/v1/rewards/{tenant_id}/…`).',
  version: '1',
  servers: [{ url: 'http://localhost:3000', description: 'A local standalone (npm start)' }],
  securitySchemes: OPENAPI_SECURITY_SCHEMES,
  controllers: QUERY_GATEWAY_CONTROLLERS,
};
