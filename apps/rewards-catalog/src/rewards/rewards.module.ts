import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { WalletsModule } from '../wallets/wallets.module';
import { CatalogUseCases } from './catalog.use-cases';
import { RewardHandlers } from './reward.handlers';
import { RewardRepository } from './reward.repository';
import { RewardUseCases } from './reward.use-cases';

@Module({
  imports: [TenantsModule, WalletsModule],
  controllers: [RewardHandlers],
  providers: [RewardRepository, RewardUseCases, CatalogUseCases],
  exports: [RewardRepository],
})
export class RewardsModule {}
