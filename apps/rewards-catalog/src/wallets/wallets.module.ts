import { Module } from '@nestjs/common';
import { IdempotencyService } from '../idempotency/idempotency';
import { TenantsModule } from '../tenants/tenants.module';
import { WalletHandlers } from './wallet.handlers';
import { WalletRepository } from './wallet.repository';
import { WalletUseCases } from './wallet.use-cases';

@Module({
  imports: [TenantsModule],
  controllers: [WalletHandlers],
  providers: [WalletRepository, WalletUseCases, IdempotencyService],
})
export class WalletsModule {}
