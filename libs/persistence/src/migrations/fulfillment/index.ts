import { InitFulfillment1795619535971 } from './1795619535971-init-fulfillment';
import { Webhooks1795620102509 } from './1795620102509-webhooks';
import { JobLeases1795635535506 } from './1795635535506-job-leases';
import { WebhookSecretRotation1795720000000 } from './1795720000000-webhook-secret-rotation';
import { SealedWebhookSecrets1795730000000 } from './1795730000000-sealed-webhook-secrets';

/** In the order they apply. New migrations: `STORE=fulfillment npm run db:migration:generate -- <name>`. */
export const FULFILLMENT_MIGRATIONS = [InitFulfillment1795619535971, Webhooks1795620102509, JobLeases1795635535506, WebhookSecretRotation1795720000000, SealedWebhookSecrets1795730000000];
