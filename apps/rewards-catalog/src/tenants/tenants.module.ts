import { Module } from '@nestjs/common';
import { TenantHandlers } from './tenant.handlers';
import { TenantRepository } from './tenant.repository';
import { TenantUseCases } from './tenant.use-cases';
import { TenantSecretsSealing } from './tenant-secrets-sealing';

@Module({
  controllers: [TenantHandlers],
  providers: [TenantRepository, TenantUseCases, TenantSecretsSealing],
  exports: [TenantRepository],
})
export class TenantsModule {}
