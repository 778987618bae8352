import { Global, Injectable, Module } from '@nestjs/common';
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

export interface ReadinessReport {
  /** `degraded`: ready, with a check that is not required failing (its routes answer 503). */
  status: 'ok' | 'degraded' | 'unavailable';
  checks: Array<{ name: string; required: boolean; status: 'ok' | 'failing'; error?: string }>;
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

  /** Runs every check (2 s each at most): ready unless a required one fails. Unready at once on SIGTERM. */
  async report(): Promise<ReadinessReport> {
    // Unready first on SIGTERM, so a load balancer stops sending while requests still work.
    if (isShuttingDown()) return { status: 'unavailable', checks: [{ name: 'shutdown', required: true, status: 'failing', error: 'shutting down' }] };
    const checks = await Promise.all(
      this.checks.map(async (probe): Promise<ReadinessReport['checks'][number]> => {
        const required = probe.required !== false;
        try {
          await withTimeout(probe.check(), 2_000);
          return { name: probe.name, required, status: 'ok' };
        } catch (error) {
          return { name: probe.name, required, status: 'failing', error: (error as Error).message };
        }
      }),
    );
    // Only a required check takes the app out of rotation; a failing optional one degrades it.
    if (checks.some((c) => c.status !== 'ok' && c.required)) return { status: 'unavailable', checks };
    return { status: checks.some((c) => c.status !== 'ok') ? 'degraded' : 'ok', checks };
  }
}

/** The readiness registry; the routes that report it are the operations port's (http/ops-routes.ts). */
@Global()
@Module({ providers: [ReadinessRegistry], exports: [ReadinessRegistry] })
export class HealthModule {}
