import { Controller, Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Patterns, Reply } from '@phoenix/contracts';

/** A handler for `system.ping`, so gateways' readiness probes can see the service answer. */
export function pingController(service: string): Type<unknown> {
  @Controller()
  class PingController {
    @MessagePattern(Patterns.systemPing)
    async ping(): Reply<typeof Patterns.systemPing> {
      return { service };
    }
  }
  return PingController;
}
