import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { TenantRepository } from './tenant.repository';

/**
 * At start, once migrations have run: tenant secrets stored before encryption, or sealed under
 * a key that is now in SECRETS_KEYS_OLD, are sealed under SECRETS_KEY. Reads open both forms
 * meanwhile, so a replica of an older build writing plaintext during a rollout breaks nothing.
 */
@Injectable()
export class TenantSecretsSealing implements OnApplicationBootstrap {
  private readonly logger = new Logger('TenantSecretsSealing');

  constructor(private readonly tenants: TenantRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    const changed = await this.tenants.resealSecrets();
    if (changed) this.logger.log(`Sealed the secrets of ${changed} tenant(s) under the current SECRETS_KEY`);
  }
}
