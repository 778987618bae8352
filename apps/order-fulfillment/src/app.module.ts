import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, pingController } from '@phoenix/platform';
import { FulfillmentConfig } from './config';

@Module({})
export class AppModule {
  static forConfig(config: FulfillmentConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forApp({ app: 'order-fulfillment', logLevel: config.LOG_LEVEL })],
      controllers: [pingController('order-fulfillment')],
    };
  }
}
