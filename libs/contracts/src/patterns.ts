import type {
  KeysRotated,
  ResolveApiKeyRequest,
  RotateKeysRequest,
  TenantAuthMaterial,
  TenantCreated,
  TenantIdRequest,
  TenantView,
  CreateTenantBody,
} from './tenants/tenant.contracts';
import type {
  WalletRequest,
  WalletTransactionRequest,
  WalletTransactionResult,
  WalletView,
} from './wallets/wallet.contracts';
import type {
  CatalogSnapshot,
  CatalogSnapshotRequest,
  RewardCreateRequest,
  RewardList,
  RewardListRequest,
  RewardRefRequest,
  RewardUpdateRequest,
  RewardView,
} from './rewards/reward.contracts';
import type {
  AdminOrderList,
  AdminOrderUpdateRequest,
  AdminOrdersRequest,
  BulkGrantRequest,
  BulkGrantResult,
  ClaimRequest,
  GrantRequest,
  GrantResult,
  OrderRefRequest,
  OrderView,
  PurchaseRequest,
  PurchaseResult,
  RecentFields,
  RecentFieldsRequest,
  RefundRequest,
  UserOrderList,
  UserOrderRequest,
  UserOrdersRequest,
} from './orders/order.contracts';
import type {
  GrantHistoryRequest,
  GrantList,
  GrantRequestByOrder,
  GrantStats,
  GrantStatsRequest,
  GrantSummary,
  GrantSummaryRequest,
  GrantView,
  TenantGrantsRequest,
} from './grants/grant.contracts';
import type {
  CompleteFulfillmentRequest,
  ExpireDueRequest,
  ExpireDueResult,
  FailFulfillmentRequest,
  FulfillWalletRequest,
  FulfillmentTarget,
  TenantSettingsView,
  UpdateSettingsRequest,
} from './fulfillment/fulfillment.contracts';
import type {
  DeliveryList,
  DeliveryListRequest,
  DeliveryView,
  RedeliverRequest,
  RotateWebhookSecretRequest,
  WebhookCreateRequest,
  WebhookCreated,
  WebhookList,
  WebhookListRequest,
  WebhookRefRequest,
  WebhookUpdateRequest,
  WebhookView,
} from './webhooks/webhook.contracts';

/**
 * Message patterns between the gateways and the services. A pattern's string is part of
 * the wire protocol between separately deployed apps: never rename one in place; add a new
 * pattern and retire the old one after every deployment has moved.
 */
export const Patterns = {
  tenantsCreate: 'tenants.create',
  tenantsGet: 'tenants.get',
  tenantsRotateKeys: 'tenants.rotate-keys',
  tenantsResolveApiKey: 'tenants.resolve-api-key',
  tenantsAuthMaterial: 'tenants.auth-material',
  tenantsAllowedOrigins: 'tenants.allowed-origins',
  systemPing: 'system.ping',
  walletsGet: 'wallets.get',
  walletsTransact: 'wallets.transact',
  rewardsCreate: 'rewards.create',
  rewardsList: 'rewards.list',
  rewardsGet: 'rewards.get',
  rewardsUpdate: 'rewards.update',
  rewardsDeactivate: 'rewards.deactivate',
  catalogSnapshot: 'catalog.snapshot',
  ordersPurchase: 'orders.purchase',
  ordersGrant: 'orders.grant',
  ordersGrantBulk: 'orders.grant-bulk',
  ordersClaim: 'orders.claim',
  ordersListForUser: 'orders.list-for-user',
  ordersGetForUser: 'orders.get-for-user',
  ordersRecentFields: 'orders.recent-fields',
  ordersList: 'orders.list',
  ordersGet: 'orders.get',
  ordersUpdateStatus: 'orders.update-status',
  ordersRefund: 'orders.refund',
  grantsHistory: 'grants.history',
  grantsGet: 'grants.get',
  grantsSummary: 'grants.summary',
  analyticsGrants: 'analytics.grants',
  analyticsStats: 'analytics.stats',
  ordersRetry: 'orders.retry',
  ordersFulfillWallet: 'orders.fulfill-wallet',
  ordersCompleteFulfillment: 'orders.complete-fulfillment',
  ordersFailFulfillment: 'orders.fail-fulfillment',
  ordersExpireDue: 'orders.expire-due',
  tenantsSettingsGet: 'tenants.settings-get',
  tenantsSettingsUpdate: 'tenants.settings-update',
  tenantsFulfillmentTarget: 'tenants.fulfillment-target',
  webhooksCreate: 'webhooks.create',
  webhooksList: 'webhooks.list',
  webhooksGet: 'webhooks.get',
  webhooksUpdate: 'webhooks.update',
  webhooksDelete: 'webhooks.delete',
  webhooksDeliveries: 'webhooks.deliveries',
  webhooksRedeliver: 'webhooks.redeliver',
  webhooksRotateSecret: 'webhooks.rotate-secret',
} as const;

/** Request and response type of every pattern: the compiler keeps both sides in step. */
export interface MessageMap {
  [Patterns.tenantsCreate]: { request: CreateTenantBody; response: TenantCreated };
  [Patterns.tenantsGet]: { request: TenantIdRequest; response: TenantView };
  [Patterns.tenantsRotateKeys]: { request: RotateKeysRequest; response: KeysRotated };
  [Patterns.tenantsResolveApiKey]: { request: ResolveApiKeyRequest; response: { tenant_id: string } | null };
  [Patterns.tenantsAuthMaterial]: { request: TenantIdRequest; response: TenantAuthMaterial | null };
  [Patterns.tenantsAllowedOrigins]: { request: Record<string, never>; response: string[] };
  [Patterns.systemPing]: { request: Record<string, never>; response: { service: string } };
  [Patterns.walletsGet]: { request: WalletRequest; response: WalletView };
  [Patterns.walletsTransact]: { request: WalletTransactionRequest; response: WalletTransactionResult };
  [Patterns.rewardsCreate]: { request: RewardCreateRequest; response: RewardView };
  [Patterns.rewardsList]: { request: RewardListRequest; response: RewardList };
  [Patterns.rewardsGet]: { request: RewardRefRequest; response: RewardView };
  [Patterns.rewardsUpdate]: { request: RewardUpdateRequest; response: RewardView };
  [Patterns.rewardsDeactivate]: { request: RewardRefRequest; response: RewardView };
  [Patterns.catalogSnapshot]: { request: CatalogSnapshotRequest; response: CatalogSnapshot };
  [Patterns.ordersPurchase]: { request: PurchaseRequest; response: PurchaseResult };
  [Patterns.ordersGrant]: { request: GrantRequest; response: GrantResult };
  [Patterns.ordersGrantBulk]: { request: BulkGrantRequest; response: BulkGrantResult };
  [Patterns.ordersClaim]: { request: ClaimRequest; response: { order: OrderView } };
  [Patterns.ordersListForUser]: { request: UserOrdersRequest; response: UserOrderList };
  [Patterns.ordersGetForUser]: { request: UserOrderRequest; response: OrderView };
  [Patterns.ordersRecentFields]: { request: RecentFieldsRequest; response: RecentFields };
  [Patterns.ordersList]: { request: AdminOrdersRequest; response: AdminOrderList };
  [Patterns.ordersGet]: { request: OrderRefRequest; response: OrderView };
  [Patterns.ordersUpdateStatus]: { request: AdminOrderUpdateRequest; response: OrderView };
  [Patterns.ordersRefund]: { request: RefundRequest; response: OrderView };
  [Patterns.grantsHistory]: { request: GrantHistoryRequest; response: GrantList };
  [Patterns.grantsGet]: { request: GrantRequestByOrder; response: GrantView };
  [Patterns.grantsSummary]: { request: GrantSummaryRequest; response: GrantSummary };
  [Patterns.analyticsGrants]: { request: TenantGrantsRequest; response: GrantList };
  [Patterns.analyticsStats]: { request: GrantStatsRequest; response: GrantStats };
  [Patterns.ordersRetry]: { request: OrderRefRequest; response: OrderView };
  [Patterns.ordersFulfillWallet]: { request: FulfillWalletRequest; response: OrderView };
  [Patterns.ordersCompleteFulfillment]: { request: CompleteFulfillmentRequest; response: OrderView };
  [Patterns.ordersFailFulfillment]: { request: FailFulfillmentRequest; response: OrderView };
  [Patterns.ordersExpireDue]: { request: ExpireDueRequest; response: ExpireDueResult };
  [Patterns.tenantsSettingsGet]: { request: TenantIdRequest; response: TenantSettingsView };
  [Patterns.tenantsSettingsUpdate]: { request: UpdateSettingsRequest; response: TenantSettingsView };
  [Patterns.tenantsFulfillmentTarget]: { request: TenantIdRequest; response: FulfillmentTarget };
  [Patterns.webhooksCreate]: { request: WebhookCreateRequest; response: WebhookCreated };
  [Patterns.webhooksList]: { request: WebhookListRequest; response: WebhookList };
  [Patterns.webhooksGet]: { request: WebhookRefRequest; response: WebhookView };
  [Patterns.webhooksUpdate]: { request: WebhookUpdateRequest; response: WebhookView };
  [Patterns.webhooksDelete]: { request: WebhookRefRequest; response: WebhookView };
  [Patterns.webhooksDeliveries]: { request: DeliveryListRequest; response: DeliveryList };
  [Patterns.webhooksRedeliver]: { request: RedeliverRequest; response: DeliveryView };
  [Patterns.webhooksRotateSecret]: { request: RotateWebhookSecretRequest; response: WebhookCreated };
}

export type MessagePattern = keyof MessageMap;
export type RequestOf<P extends MessagePattern> = MessageMap[P]['request'];
export type ResponseOf<P extends MessagePattern> = MessageMap[P]['response'];
/** What a message handler for pattern P returns. */
export type Reply<P extends MessagePattern> = Promise<ResponseOf<P>>;
