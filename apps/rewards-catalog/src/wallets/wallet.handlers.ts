import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Patterns, Reply, WalletRequestSchema, WalletTransactionRequestSchema, parseOrThrow } from '@phoenix/contracts';
import { WalletUseCases } from './wallet.use-cases';

@Controller()
export class WalletHandlers {
  constructor(private readonly wallets: WalletUseCases) {}

  @MessagePattern(Patterns.walletsGet)
  get(@Payload() payload: unknown): Reply<typeof Patterns.walletsGet> {
    return this.wallets.get(parseOrThrow(WalletRequestSchema, payload));
  }

  @MessagePattern(Patterns.walletsTransact)
  transact(@Payload() payload: unknown): Reply<typeof Patterns.walletsTransact> {
    return this.wallets.transact(parseOrThrow(WalletTransactionRequestSchema, payload));
  }
}
