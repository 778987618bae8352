import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DeliveryListRequestSchema,
  Patterns,
  RedeliverRequestSchema,
  Reply,
  RotateWebhookSecretRequestSchema,
  WebhookCreateRequestSchema,
  WebhookListRequestSchema,
  WebhookRefRequestSchema,
  WebhookUpdateRequestSchema,
  parseOrThrow,
} from '@phoenix/contracts';
import { WebhookUseCases } from './webhook.use-cases';

@Controller()
export class WebhookHandlers {
  constructor(private readonly webhooks: WebhookUseCases) {}

  @MessagePattern(Patterns.webhooksCreate)
  create(@Payload() payload: unknown): Reply<typeof Patterns.webhooksCreate> {
    return this.webhooks.create(parseOrThrow(WebhookCreateRequestSchema, payload));
  }

  @MessagePattern(Patterns.webhooksList)
  list(@Payload() payload: unknown): Reply<typeof Patterns.webhooksList> {
    return this.webhooks.list(parseOrThrow(WebhookListRequestSchema, payload).tenant_id);
  }

  @MessagePattern(Patterns.webhooksGet)
  get(@Payload() payload: unknown): Reply<typeof Patterns.webhooksGet> {
    const request = parseOrThrow(WebhookRefRequestSchema, payload);
    return this.webhooks.get(request.tenant_id, request.webhook_id);
  }

  @MessagePattern(Patterns.webhooksUpdate)
  update(@Payload() payload: unknown): Reply<typeof Patterns.webhooksUpdate> {
    return this.webhooks.update(parseOrThrow(WebhookUpdateRequestSchema, payload));
  }

  @MessagePattern(Patterns.webhooksDelete)
  remove(@Payload() payload: unknown): Reply<typeof Patterns.webhooksDelete> {
    const request = parseOrThrow(WebhookRefRequestSchema, payload);
    return this.webhooks.remove(request.tenant_id, request.webhook_id);
  }

  @MessagePattern(Patterns.webhooksDeliveries)
  deliveries(@Payload() payload: unknown): Reply<typeof Patterns.webhooksDeliveries> {
    return this.webhooks.deliveries(parseOrThrow(DeliveryListRequestSchema, payload));
  }

  @MessagePattern(Patterns.webhooksRedeliver)
  redeliver(@Payload() payload: unknown): Reply<typeof Patterns.webhooksRedeliver> {
    return this.webhooks.redeliver(parseOrThrow(RedeliverRequestSchema, payload));
  }

  @MessagePattern(Patterns.webhooksRotateSecret)
  rotateSecret(@Payload() payload: unknown): Reply<typeof Patterns.webhooksRotateSecret> {
    return this.webhooks.rotateSecret(parseOrThrow(RotateWebhookSecretRequestSchema, payload));
  }
}
