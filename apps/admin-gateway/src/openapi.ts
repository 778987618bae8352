import { OPENAPI_SECURITY_SCHEMES } from '@phoenix/auth';
import type { ApiDescription } from '@phoenix/platform';
import { AnalyticsController } from './analytics/analytics.controller';
import { GrantsController } from './grants/grants.controller';
import { OUTGOING_CALLS } from './outgoing-calls';
import { RewardOrdersController } from './orders/reward-orders.controller';
import { RewardsController } from './rewards/rewards.controller';
import { SettingsController } from './settings/settings.controller';
import { TenantsController } from './tenants/tenants.controller';
import { WalletsController } from './wallets/wallets.controller';
import { WebhooksController } from './webhooks/webhooks.controller';

export const ADMIN_GATEWAY_CONTROLLERS = [
  TenantsController,
  WalletsController,
  RewardsController,
  GrantsController,
  RewardOrdersController,
  AnalyticsController,
  SettingsController,
  WebhooksController,
];

/** What the admin gateway's OpenAPI document says (served on /docs-json, committed as openapi/admin-gateway.json). */
export const ADMIN_GATEWAY_API: ApiDescription = {
  title: 'Phoenix Rewards — admin gateway',
  description:
    'Back-office API: tenants, catalog, grants, orders, wallets, settings, webhooks. A tenant API key or an admin JWT (tenants: the platform key). ' +
    'Its `webhooks` are the calls the platform makes to the tenant: order event webhooks and the fulfillment API.',
  version: '1',
  servers: [{ url: 'http://localhost:3001', description: 'A local standalone (npm start)' }],
  securitySchemes: OPENAPI_SECURITY_SCHEMES,
  controllers: ADMIN_GATEWAY_CONTROLLERS,
  outgoing: OUTGOING_CALLS,
};
