import { Injectable } from '@nestjs/common';
import { WalletRequest, WalletTransactionBody, WalletTransactionRequest, WalletTransactionResult, WalletView } from '@phoenix/contracts';
import { requestFingerprint } from '@phoenix/domain';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { TenantRepository } from '../tenants/tenant.repository';
import { WalletRepository } from './wallet.repository';

const OPERATION = 'wallet.transaction';

/** The balance row an entry moves: its currency, '' for XP, the badge id for a badge. */
function assetKey(body: WalletTransactionBody): string {
  switch (body.asset) {
    case 'currency':
      return body.currency ?? '';
    case 'xp':
      return '';
    case 'badge':
      return body.badge_id ?? '';
  }
}

@Injectable()
export class WalletUseCases {
  constructor(
    private readonly wallets: WalletRepository,
    private readonly tenants: TenantRepository,
    private readonly idempotency: IdempotencyService,
  ) {}

  async get(request: WalletRequest): Promise<WalletView> {
    await this.tenants.require(request.tenant_id);
    return this.wallets.wallet(request.tenant_id, request.user_id);
  }

  /** A credit or debit, exactly once per idempotency key (see IdempotencyService). */
  async transact(request: WalletTransactionRequest): Promise<WalletTransactionResult> {
    await this.tenants.require(request.tenant_id);
    const { body } = request;
    const result = await this.idempotency.run(
      {
        tenantId: request.tenant_id,
        userId: request.user_id,
        operation: OPERATION,
        key: body.idempotency_key,
        fingerprint: requestFingerprint(OPERATION, body),
      },
      (tx) =>
        this.wallets.applyEntry(tx, {
          tenantId: request.tenant_id,
          userId: request.user_id,
          asset: body.asset,
          currency: assetKey(body),
          type: body.type,
          amount: body.amount ?? 1,
          reason: body.reason,
          reference: body.reference ?? null,
          idempotencyKey: body.idempotency_key,
        }),
    );
    return { transaction: result.value, was_cached: result.wasCached };
  }
}
