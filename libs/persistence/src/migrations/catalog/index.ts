import { InitCatalog1795615543093 } from './1795615543093-init-catalog';
import { RewardsOrdersOutbox1795616268302 } from './1795616268302-rewards-orders-outbox';
import { Leases1795617188742 } from './1795617188742-leases';
import { OutboxTraceContext1795700000000 } from './1795700000000-outbox-trace-context';
import { LedgerAppendOnly1795710000000 } from './1795710000000-ledger-append-only';
import { SealedTenantSecrets1795730000000 } from './1795730000000-sealed-tenant-secrets';

/** In the order they apply. New migrations: `npm run db:migration:generate -- <name>`. */
export const CATALOG_MIGRATIONS = [InitCatalog1795615543093, RewardsOrdersOutbox1795616268302, Leases1795617188742, OutboxTraceContext1795700000000, LedgerAppendOnly1795710000000, SealedTenantSecrets1795730000000];
