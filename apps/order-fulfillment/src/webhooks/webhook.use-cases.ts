import { Inject, Injectable } from '@nestjs/common';
import {
  AppError,
  DeliveryList,
  DeliveryListRequest,
  DeliveryView,
  Patterns,
  RedeliverRequest,
  RotateWebhookSecretRequest,
  WebhookCreateRequest,
  WebhookCreated,
  WebhookList,
  WebhookUpdateRequest,
  WebhookView,
} from '@phoenix/contracts';
import { generateWebhookSecret } from '@phoenix/auth';
import { ServiceClient, serviceToken } from '@phoenix/platform';
import { FULFILLMENT_CONFIG, FulfillmentConfig } from '../config';
import { assertOutboundUrl } from '../outbound/outbound-url';
import { toDeliveryView, toWebhookView } from './webhook.mapper';
import { EndpointRecord, WebhookRepository } from './webhook.repository';
import { WebhookSender } from './webhook-sender';

/** A tenant's webhook endpoints and their delivery logs. */
@Injectable()
export class WebhookUseCases {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly sender: WebhookSender,
    @Inject(serviceToken('rewards-catalog')) private readonly catalog: ServiceClient,
    @Inject(FULFILLMENT_CONFIG) private readonly config: FulfillmentConfig,
  ) {}

  /** The URL must be http(s) and (unless allowed) public; the secret is shown only here. */
  async create(request: WebhookCreateRequest): Promise<WebhookCreated> {
    await this.catalog.send(Patterns.tenantsGet, { tenant_id: request.tenant_id }); // 404 for an unknown tenant
    await assertOutboundUrl(request.body.url, this.config.WEBHOOK_ALLOW_PRIVATE);
    const secret = generateWebhookSecret();
    const endpoint = await this.webhooks.create(request.tenant_id, request.body.url, request.body.events, secret, request.body.enabled);
    return { ...toWebhookView(endpoint), secret };
  }

  /**
   * A new signing secret, shown only here. The replaced one keeps signing beside it (two
   * `webhook-signature` entries) for `grace_seconds`, so receivers can switch without a gap;
   * with 0 it stops at once. A rotation during a grace period ends that period: only the secret
   * just replaced stays valid.
   */
  async rotateSecret(request: RotateWebhookSecretRequest): Promise<WebhookCreated> {
    const secret = generateWebhookSecret();
    const rotated = await this.webhooks.rotateSecret(request.tenant_id, request.webhook_id, secret, request.body.grace_seconds);
    if (!rotated) throw AppError.notFound('Webhook');
    return { ...toWebhookView(rotated), secret };
  }

  async list(tenantId: string): Promise<WebhookList> {
    return { webhooks: (await this.webhooks.list(tenantId)).map(toWebhookView) };
  }

  async get(tenantId: string, id: string): Promise<WebhookView> {
    return toWebhookView(await this.require(tenantId, id));
  }

  async update(request: WebhookUpdateRequest): Promise<WebhookView> {
    if (request.body.url) await assertOutboundUrl(request.body.url, this.config.WEBHOOK_ALLOW_PRIVATE);
    const updated = await this.webhooks.update(request.tenant_id, request.webhook_id, request.body);
    if (!updated) throw AppError.notFound('Webhook');
    return toWebhookView(updated);
  }

  async remove(tenantId: string, id: string): Promise<WebhookView> {
    const removed = await this.webhooks.remove(tenantId, id);
    if (!removed) throw AppError.notFound('Webhook');
    return toWebhookView(removed);
  }

  async deliveries(request: DeliveryListRequest): Promise<DeliveryList> {
    await this.require(request.tenant_id, request.webhook_id);
    const { limit, offset } = request.query;
    const { deliveries, attempts, total } = await this.webhooks.deliveries(request.webhook_id, limit, offset);
    return {
      deliveries: deliveries.map((d) => toDeliveryView(d, attempts.filter((a) => a.delivery_id === d.id))),
      total,
      limit,
      offset,
    };
  }

  /**
   * A delivered or failed delivery goes out again with a fresh series of attempts. Refused (409)
   * while it is still pending (its sender may be mid-attempt) and while the endpoint is
   * disabled (it would fail unsent): enable the endpoint first.
   */
  async redeliver(request: RedeliverRequest): Promise<DeliveryView> {
    const endpoint = await this.require(request.tenant_id, request.webhook_id);
    const delivery = await this.webhooks.findDelivery(endpoint.id, request.delivery_id);
    if (!delivery) throw AppError.notFound('Delivery');
    if (!endpoint.enabled) throw AppError.conflict('The webhook is disabled: enable it before redelivering');
    const restarted = await this.webhooks.redeliver(endpoint.id, delivery.id);
    if (!restarted) throw AppError.conflict('The delivery is still pending: it is retried on its own (see next_attempt_at)');
    this.sender.wake();
    return toDeliveryView(restarted, await this.webhooks.attempts([restarted.id]));
  }

  private async require(tenantId: string, id: string): Promise<EndpointRecord> {
    const endpoint = await this.webhooks.find(tenantId, id);
    if (!endpoint) throw AppError.notFound('Webhook');
    return endpoint;
  }
}
