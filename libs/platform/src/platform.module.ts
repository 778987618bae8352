import { DynamicModule, Module } from '@nestjs/common';
import type { LogFormat } from './config/config';
import { HealthModule } from './health/health';
import { loggingModule } from './logging/logging';
import { MetricsModule } from './metrics/metrics';

export interface PlatformModuleOptions {
  app: string;
  logLevel: string;
  logFormat?: LogFormat;
}

/** Logging, metrics and health for one app: import it once, in the app's root module. */
@Module({})
export class PlatformModule {
  static forApp(options: PlatformModuleOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [loggingModule({ app: options.app, level: options.logLevel, pretty: options.logFormat === 'pretty' }), MetricsModule, HealthModule],
      exports: [MetricsModule, HealthModule],
    };
  }
}
