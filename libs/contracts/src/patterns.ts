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
}

export type MessagePattern = keyof MessageMap;
export type RequestOf<P extends MessagePattern> = MessageMap[P]['request'];
export type ResponseOf<P extends MessagePattern> = MessageMap[P]['response'];
/** What a message handler for pattern P returns. */
export type Reply<P extends MessagePattern> = Promise<ResponseOf<P>>;
