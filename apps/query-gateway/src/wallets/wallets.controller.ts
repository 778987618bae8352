import { Controller, Get, Inject, Param } from '@nestjs/common';
import { Auth, CurrentPrincipal, Principal } from '@phoenix/auth';
import { Patterns, UserIdSchema, WalletViewSchema, type WalletView } from '@phoenix/contracts';
import { ApiContract, ApiTags, ServiceClient, serviceToken, zod } from '@phoenix/platform';
import { tenantOf } from '../principal';

@ApiTags('wallets')
@Controller('v1/wallets')
export class WalletsController {
  constructor(@Inject(serviceToken('rewards-catalog')) private readonly catalog: ServiceClient) {}

  @Get(':user_id')
  @Auth('user-jwt', 'hmac')
  @ApiContract({ operationId: 'getWallet', summary: "The user's balances, XP and badges", response: WalletViewSchema })
  get(@CurrentPrincipal() principal: Principal, @Param('user_id', zod(UserIdSchema)) userId: string): Promise<WalletView> {
    return this.catalog.send(Patterns.walletsGet, { tenant_id: tenantOf(principal), user_id: userId });
  }
}
