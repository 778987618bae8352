import { Module } from '@nestjs/common';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookHandlers } from './webhook.handlers';
import { WebhookRepository } from './webhook.repository';
import { WebhookSecretsSealing } from './webhook-secrets-sealing';
import { WebhookSender } from './webhook-sender';
import { WebhookUseCases } from './webhook.use-cases';

@Module({
  controllers: [WebhookHandlers],
  providers: [WebhookRepository, WebhookUseCases, WebhookDispatcher, WebhookSender, WebhookSecretsSealing],
  exports: [WebhookDispatcher],
})
export class WebhooksModule {}
