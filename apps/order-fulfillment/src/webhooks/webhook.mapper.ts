import type { DeliveryView, WebhookView } from '@phoenix/contracts';
import type { AttemptRecord, DeliveryRecord, EndpointRecord } from './webhook.repository';

export function toWebhookView(endpoint: EndpointRecord): WebhookView {
  return {
    id: endpoint.id,
    tenant_id: endpoint.tenant_id,
    url: endpoint.url,
    events: endpoint.events,
    enabled: endpoint.enabled,
    failure_streak: endpoint.failure_streak,
    disabled_reason: endpoint.disabled_reason,
    previous_secret_expires_at: endpoint.previous_secret_expires_at && endpoint.previous_secret_expires_at > new Date() ? endpoint.previous_secret_expires_at.toISOString() : null,
    created_at: endpoint.created_at.toISOString(),
    updated_at: endpoint.updated_at.toISOString(),
  };
}

export function toDeliveryView(delivery: DeliveryRecord, attempts: AttemptRecord[]): DeliveryView {
  return {
    id: delivery.id,
    endpoint_id: delivery.endpoint_id,
    event_id: delivery.event_id,
    event_type: delivery.event_type,
    state: delivery.state,
    attempts: attempts.map((a) => ({
      attempt: a.attempt,
      at: a.at.toISOString(),
      status_code: a.status_code,
      latency_ms: a.latency_ms,
      error: a.error,
      response_snippet: a.response_snippet,
    })),
    next_attempt_at: delivery.state === 'pending' ? delivery.next_run_at.toISOString() : null,
    created_at: delivery.created_at.toISOString(),
  };
}
