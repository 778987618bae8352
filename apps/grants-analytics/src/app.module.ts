import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, pingController } from '@phoenix/platform';
import { AnalyticsConfig } from './config';

@Module({})
export class AppModule {
  static forConfig(config: AnalyticsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forApp({ app: 'grants-analytics', logLevel: config.LOG_LEVEL })],
      controllers: [pingController('grants-analytics')],
    };
  }
}
