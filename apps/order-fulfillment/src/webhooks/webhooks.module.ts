import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookHandlers } from './webhook.handlers';
import { WebhookRepository } from './webhook.repository';
import { WebhookSender } from './webhook-sender';
import { WebhookUseCases } from './webhook.use-cases';

@Module({
  imports: [JobsModule],
  controllers: [WebhookHandlers],
  providers: [WebhookRepository, WebhookUseCases, WebhookDispatcher, WebhookSender],
})
export class WebhooksModule {}
