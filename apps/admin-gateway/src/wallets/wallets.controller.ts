import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { Auth } from '@phoenix/auth';
import {
  Patterns,
  TenantIdSchema,
  UserIdSchema,
  WalletTransactionBodySchema,
  WalletTransactionResultSchema,
  WalletViewSchema,
  type WalletTransactionBody,
  type WalletTransactionResult,
  type WalletView,
} from '@phoenix/contracts';
import { ApiContract, ApiTags, ServiceClient, serviceToken, zod } from '@phoenix/platform';

@ApiTags('wallets')
@Auth('tenant-api-key', 'admin-jwt')
@Controller('v1/tenants/:tenant_id/wallets/:user_id')
export class WalletsController {
  constructor(@Inject(serviceToken('rewards-catalog')) private readonly catalog: ServiceClient) {}

  @Get()
  @ApiContract({ operationId: 'getWallet', summary: "A user's balances, XP and badges", response: WalletViewSchema, errors: [404] })
  get(
    @Param('tenant_id', zod(TenantIdSchema)) tenantId: string,
    @Param('user_id', zod(UserIdSchema)) userId: string,
  ): Promise<WalletView> {
    return this.catalog.send(Patterns.walletsGet, { tenant_id: tenantId, user_id: userId });
  }

  @Post('transactions')
  @ApiContract({
    operationId: 'createWalletTransaction',
    summary: 'Credit or debit a balance, idempotent per (user, idempotency_key)',
    body: WalletTransactionBodySchema,
    response: WalletTransactionResultSchema,
    status: 201,
    errors: [402, 404, 409],
  })
  transact(
    @Param('tenant_id', zod(TenantIdSchema)) tenantId: string,
    @Param('user_id', zod(UserIdSchema)) userId: string,
    @Body(zod(WalletTransactionBodySchema)) body: WalletTransactionBody,
  ): Promise<WalletTransactionResult> {
    return this.catalog.send(Patterns.walletsTransact, { tenant_id: tenantId, user_id: userId, body });
  }
}
