import { Body, Controller, Delete, Get, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { Auth } from '@phoenix/auth';
import {
  CreateWebhookBodySchema,
  DeliveryListQuerySchema,
  DeliveryListSchema,
  DeliveryViewSchema,
  Patterns,
  RotateWebhookSecretBodySchema,
  TenantIdSchema,
  UpdateWebhookBodySchema,
  WebhookCreatedSchema,
  WebhookListSchema,
  WebhookViewSchema,
  type CreateWebhookBody,
  type DeliveryList,
  type DeliveryView,
  type RotateWebhookSecretBody,
  type UpdateWebhookBody,
  type WebhookCreated,
  type WebhookList,
  type WebhookView,
} from '@phoenix/contracts';
import { ApiContract, ApiTags, ServiceClient, serviceToken, zod } from '@phoenix/platform';
import { z } from 'zod';

const WebhookIdSchema = z.uuid().describe('The webhook endpoint id');
const DeliveryIdSchema = z.uuid().describe('The delivery id');

@ApiTags('webhooks')
@Auth('tenant-api-key', 'admin-jwt')
@Controller('v1/tenants/:tenant_id/webhooks')
export class WebhooksController {
  constructor(@Inject(serviceToken('order-fulfillment')) private readonly fulfillment: ServiceClient) {}

  @Post()
  @ApiContract({ operationId: 'createWebhook', summary: 'Add an endpoint for order events; its signing secret is shown only here', body: CreateWebhookBodySchema, response: WebhookCreatedSchema, status: 201, errors: [404] })
  create(@Param('tenant_id', zod(TenantIdSchema)) tenantId: string, @Body(zod(CreateWebhookBodySchema)) body: CreateWebhookBody): Promise<WebhookCreated> {
    return this.fulfillment.send(Patterns.webhooksCreate, { tenant_id: tenantId, body });
  }

  @Get()
  @ApiContract({ operationId: 'listWebhooks', summary: "The tenant's endpoints", response: WebhookListSchema })
  list(@Param('tenant_id', zod(TenantIdSchema)) tenantId: string): Promise<WebhookList> {
    return this.fulfillment.send(Patterns.webhooksList, { tenant_id: tenantId });
  }

  @Get(':webhook_id')
  @ApiContract({ operationId: 'getWebhook', summary: 'One endpoint', response: WebhookViewSchema, errors: [404] })
  get(@Param('tenant_id', zod(TenantIdSchema)) tenantId: string, @Param('webhook_id', zod(WebhookIdSchema)) id: string): Promise<WebhookView> {
    return this.fulfillment.send(Patterns.webhooksGet, { tenant_id: tenantId, webhook_id: id });
  }

  @Put(':webhook_id')
  @ApiContract({ operationId: 'updateWebhook', summary: 'Change an endpoint: url, events, enabled (re-enabling clears its failure streak)', body: UpdateWebhookBodySchema, response: WebhookViewSchema, errors: [404] })
  update(
    @Param('tenant_id', zod(TenantIdSchema)) tenantId: string,
    @Param('webhook_id', zod(WebhookIdSchema)) id: string,
    @Body(zod(UpdateWebhookBodySchema)) body: UpdateWebhookBody,
  ): Promise<WebhookView> {
    return this.fulfillment.send(Patterns.webhooksUpdate, { tenant_id: tenantId, webhook_id: id, body });
  }

  @Delete(':webhook_id')
  @ApiContract({ operationId: 'deleteWebhook', summary: 'Remove an endpoint', response: WebhookViewSchema, errors: [404] })
  remove(@Param('tenant_id', zod(TenantIdSchema)) tenantId: string, @Param('webhook_id', zod(WebhookIdSchema)) id: string): Promise<WebhookView> {
    return this.fulfillment.send(Patterns.webhooksDelete, { tenant_id: tenantId, webhook_id: id });
  }

  @Post(':webhook_id/rotate-secret')
  @ApiContract({
    operationId: 'rotateWebhookSecret',
    summary: 'A new signing secret, shown only here; the replaced one keeps signing beside it for grace_seconds (default 24 h, 0: stops at once)',
    body: RotateWebhookSecretBodySchema,
    response: WebhookCreatedSchema,
    errors: [404],
  })
  rotateSecret(
    @Param('tenant_id', zod(TenantIdSchema)) tenantId: string,
    @Param('webhook_id', zod(WebhookIdSchema)) id: string,
    @Body(zod(RotateWebhookSecretBodySchema.optional().transform((b) => b ?? RotateWebhookSecretBodySchema.parse({})))) body: RotateWebhookSecretBody,
  ): Promise<WebhookCreated> {
    return this.fulfillment.send(Patterns.webhooksRotateSecret, { tenant_id: tenantId, webhook_id: id, body });
  }

  @Get(':webhook_id/deliveries')
  @ApiContract({ operationId: 'listWebhookDeliveries', summary: 'The delivery log: every delivery with each attempt (status, latency, response snippet)', query: DeliveryListQuerySchema, response: DeliveryListSchema, errors: [404] })
  deliveries(
    @Param('tenant_id', zod(TenantIdSchema)) tenantId: string,
    @Param('webhook_id', zod(WebhookIdSchema)) id: string,
    @Query(zod(DeliveryListQuerySchema)) query: z.infer<typeof DeliveryListQuerySchema>,
  ): Promise<DeliveryList> {
    return this.fulfillment.send(Patterns.webhooksDeliveries, { tenant_id: tenantId, webhook_id: id, query });
  }

  @Post(':webhook_id/deliveries/:delivery_id/redeliver')
  @ApiContract({ operationId: 'redeliverWebhookDelivery', summary: 'Send a delivered or failed delivery again, as a new series of attempts (409 while pending or the webhook is disabled)', response: DeliveryViewSchema, errors: [404, 409] })
  redeliver(
    @Param('tenant_id', zod(TenantIdSchema)) tenantId: string,
    @Param('webhook_id', zod(WebhookIdSchema)) id: string,
    @Param('delivery_id', zod(DeliveryIdSchema)) deliveryId: string,
  ): Promise<DeliveryView> {
    return this.fulfillment.send(Patterns.webhooksRedeliver, { tenant_id: tenantId, webhook_id: id, delivery_id: deliveryId });
  }
}
