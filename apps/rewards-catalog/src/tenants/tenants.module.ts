import { Module } from '@nestjs/common';
import { TenantHandlers } from './tenant.handlers';
import { TenantRepository } from './tenant.repository';
import { TenantUseCases } from './tenant.use-cases';

@Module({
  controllers: [TenantHandlers],
  providers: [TenantRepository, TenantUseCases],
  exports: [TenantRepository],
})
export class TenantsModule {}
