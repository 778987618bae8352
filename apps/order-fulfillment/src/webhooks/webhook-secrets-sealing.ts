import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { WebhookRepository } from './webhook.repository';

/**
 * At start, once migrations have run: endpoint secrets (current and previous) stored before
 * encryption, or sealed under a key now in SECRETS_KEYS_OLD, are sealed under SECRETS_KEY.
 * Reads open both forms meanwhile (an older replica may still write plaintext during a rollout).
 */
@Injectable()
export class WebhookSecretsSealing implements OnApplicationBootstrap {
  private readonly logger = new Logger('WebhookSecretsSealing');

  constructor(private readonly webhooks: WebhookRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    const changed = await this.webhooks.resealSecrets();
    if (changed) this.logger.log(`Sealed the secrets of ${changed} webhook endpoint(s) under the current SECRETS_KEY`);
  }
}
