import { DynamicModule, Type } from '@nestjs/common';
import { MicroserviceOptions } from '@nestjs/microservices';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HttpServerConfig } from '../config/config';
import { createHttpApp, listen } from '../http/create-http-app';
import { DrainingTcpServer, InFlightInterceptor, InFlightMessages } from './rpc-drain';
import { RpcTracingInterceptor, TracingDeserializer } from './rpc-tracing';

export interface ServiceAppOptions {
  host: string;
  /** Port of the HTTP side: health and metrics only. */
  httpPort: number;
  /** Port of the TCP message transport the gateways call. */
  rpcPort: number;
  /** Timeouts and connection cap of the HTTP side (the app's config). */
  limits?: HttpServerConfig;
}

/**
 * A service: message handlers on TCP, plus an HTTP side for probes and metrics. On close the
 * TCP listener stops, messages being handled finish (new ones are refused), then the pools close.
 */
export async function startServiceApp(module: Type<unknown> | DynamicModule, options: ServiceAppOptions): Promise<NestFastifyApplication> {
  const app = await createHttpApp(module, options.limits ? { limits: options.limits } : {});
  app.useGlobalInterceptors(new RpcTracingInterceptor());
  const inFlight = new InFlightMessages();
  app.useGlobalInterceptors(new InFlightInterceptor(inFlight));
  app.connectMicroservice<MicroserviceOptions>(
    { strategy: new DrainingTcpServer({ host: options.host, port: options.rpcPort, deserializer: new TracingDeserializer() }, inFlight) },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await listen(app, options.httpPort, options.host);
  return app;
}
