import { Controller, Get, Global, Injectable, Module, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Public } from '../http/public.decorator';
import { isShuttingDown } from '../runtime/run-app';
import { withTimeout } from '../runtime/with-timeout';

/** A named probe of something the app needs (its database, a downstream service). */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
  /**
   * false: the app works without it, only the routes that call it answer 503 while it fails, so
   * it is reported (status `degraded`) but does not take the app out of rotation. Default true.
   */
  required?: boolean;
}

/** Where an app's providers register what its readiness depends on (in `onModuleInit`). */
@Injectable()
export class ReadinessRegistry {
  private readonly checks: ReadinessCheck[] = [];

  add(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  all(): readonly ReadinessCheck[] {
    return this.checks;
  }
}

@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessRegistry) {}

  @Public()
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    // Unready first on SIGTERM, so a load balancer stops sending while requests still work.
    if (isShuttingDown()) {
      void reply.status(503).send({ status: 'unavailable', checks: [{ name: 'shutdown', status: 'failing', error: 'shutting down' }] });
      return;
    }
    const results = await Promise.all(
      this.readiness.all().map(async (probe) => {
        const required = probe.required !== false;
        try {
          await withTimeout(probe.check(), 2_000);
          return { name: probe.name, required, status: 'ok' as const };
        } catch (error) {
          return { name: probe.name, required, status: 'failing' as const, error: (error as Error).message };
        }
      }),
    );
    const ready = results.every((r) => r.status === 'ok' || !r.required);
    const status = !ready ? 'unavailable' : results.some((r) => r.status !== 'ok') ? 'degraded' : 'ok';
    void reply.status(ready ? 200 : 503).send({ status, checks: results });
  }
}

@Global()
@Module({ controllers: [HealthController], providers: [ReadinessRegistry], exports: [ReadinessRegistry] })
export class HealthModule {}
