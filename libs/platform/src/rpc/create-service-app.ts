import { DynamicModule, Type } from '@nestjs/common';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp, listen } from '../http/create-http-app';

export interface ServiceAppOptions {
  host: string;
  /** Port of the HTTP side: health and metrics only. */
  httpPort: number;
  /** Port of the TCP message transport the gateways call. */
  rpcPort: number;
}

/** A service: message handlers on TCP, plus an HTTP side for probes and metrics. */
export async function startServiceApp(module: Type<unknown> | DynamicModule, options: ServiceAppOptions): Promise<NestFastifyApplication> {
  const app = await createHttpApp(module);
  app.connectMicroservice<MicroserviceOptions>(
    { transport: Transport.TCP, options: { host: options.host, port: options.rpcPort } },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await listen(app, options.httpPort, options.host);
  return app;
}
