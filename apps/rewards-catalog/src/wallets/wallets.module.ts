import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { TenantsModule } from '../tenants/tenants.module';
import { WalletHandlers } from './wallet.handlers';
import { WalletRepository } from './wallet.repository';
import { WalletUseCases } from './wallet.use-cases';

@Module({
  imports: [TenantsModule, IdempotencyModule],
  controllers: [WalletHandlers],
  providers: [WalletRepository, WalletUseCases],
  exports: [WalletRepository],
})
export class WalletsModule {}
