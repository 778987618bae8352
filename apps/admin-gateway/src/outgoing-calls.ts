import { EVENT_CATALOG, FulfillmentCallResultSchema, FulfillmentCallSchema, WebhookPayloadSchema } from '@phoenix/contracts';
import type { OutgoingCallDoc } from '@phoenix/platform';
import { z } from 'zod';

// What order-fulfillment sends with every call (apps/order-fulfillment/src/outbound/signed-post.ts,
// libs/auth/src/webhook-signatures.ts): SPEC §9.5's Standard Webhooks headers and the seed's.
const SIGNED_HEADERS: OutgoingCallDoc['headers'] = [
  { name: 'webhook-id', description: 'Standard Webhooks: the event id (a webhook) or the order id (a fulfillment call), stable across retries', schema: z.string() },
  { name: 'webhook-timestamp', description: 'Standard Webhooks: unix seconds of this attempt; refuse calls too far from your clock (the standard libraries allow 5 minutes)', schema: z.string().regex(/^\d+$/), example: '1769596260' },
  {
    name: 'webhook-signature',
    description:
      'Standard Webhooks: space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">`, keyed with the bytes of the whsec_ secret (the base64 after the prefix); ' +
      'during a secret rotation’s grace period one per valid secret. The `standardwebhooks` libraries verify it as it is.',
    schema: z.string().regex(/^v1,[A-Za-z0-9+/]+=*( v1,[A-Za-z0-9+/]+=*)*$/),
  },
  { name: 'X-Webhook-Id', description: 'The event id (a webhook) or the order id (a fulfillment call): stable across retries, to dedupe on', schema: z.string() },
  { name: 'X-Webhook-Timestamp', description: 'Unix seconds of this attempt', schema: z.string().regex(/^\d+$/), example: '1769596260' },
  {
    name: 'X-Webhook-Signature',
    description: 'The seed’s scheme: hex HMAC-SHA256 of the raw body, keyed with the current signing secret as shown to the tenant (the endpoint’s for a webhook, the tenant’s for a fulfillment call)',
    schema: z.string().regex(/^[0-9a-f]{64}$/),
  },
  { name: 'User-Agent', description: 'phoenix-rewards/1', schema: z.string() },
];

const pascal = (type: string) => type.replace(/(^|[._-])(\w)/g, (_match, _separator, letter: string) => letter.toUpperCase());

/** The webhooks of every event type, and the call API fulfillment makes: the admin document's `webhooks`. */
export const OUTGOING_CALLS: OutgoingCallDoc[] = [
  ...Object.values(EVENT_CATALOG).map((event) => ({
    name: event.type,
    operationId: `on${pascal(event.type)}Webhook`,
    summary: `Webhook ${event.type}: ${event.description}`,
    description:
      `POSTed to each enabled endpoint subscribed to ${event.type} (see createWebhook). A 2xx within the timeout delivers it; ` +
      'anything else is retried with exponential backoff, and a 410 disables the endpoint. Redirects are not followed.',
    headers: SIGNED_HEADERS,
    body: WebhookPayloadSchema,
    answer: { description: 'Delivered (any 2xx; the body is not read)' },
  })),
  {
    name: 'fulfillment',
    operationId: 'fulfillOrder',
    summary: 'Fulfillment API call: deliver an order of an `api` reward',
    description:
      'POSTed to the tenant’s fulfillment_url (see updateSettings) when an `api` order enters fulfilling. ' +
      'Retried by the reward’s retry policy with the same Idempotency-Key; the order fails when the attempts run out.',
    headers: [...SIGNED_HEADERS, { name: 'Idempotency-Key', description: 'The order id, the same on every attempt', schema: z.uuid() }],
    body: FulfillmentCallSchema,
    answer: { description: 'Delivered: the order completes with this external_id in status.data', schema: FulfillmentCallResultSchema },
  },
];
