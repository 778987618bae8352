import { DynamicModule, Type } from '@nestjs/common';
import { MicroserviceOptions } from '@nestjs/microservices';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HttpServerConfig } from '../config/config';
import { createHttpApp, listen } from '../http/create-http-app';
import { InProcessRpcServer, exposedListeners, inProcessRpcEnabled } from './in-process-rpc';
import { DrainingTcpServer, InFlightInterceptor, InFlightMessages } from './rpc-drain';
import { RpcTracingInterceptor, TracingDeserializer } from './rpc-tracing';
import type { ServiceName } from './service-clients';

export interface ServiceAppOptions {
  service: ServiceName;
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
 * In a standalone the handlers take calls in-process, and the TCP and HTTP listeners open only
 * when their ports were asked for (see `enableInProcessRpc`).
 */
export async function startServiceApp(module: Type<unknown> | DynamicModule, options: ServiceAppOptions): Promise<NestFastifyApplication> {
  const app = await createHttpApp(module, options.limits ? { limits: options.limits } : {});
  app.useGlobalInterceptors(new RpcTracingInterceptor());
  const inFlight = new InFlightMessages();
  app.useGlobalInterceptors(new InFlightInterceptor(inFlight));
  const exposed = exposedListeners(options.service);
  if (inProcessRpcEnabled()) {
    app.connectMicroservice<MicroserviceOptions>(
      { strategy: new InProcessRpcServer(options.service, inFlight, new TracingDeserializer()) },
      { inheritAppConfig: true },
    );
  }
  if (exposed.rpc) {
    app.connectMicroservice<MicroserviceOptions>(
      { strategy: new DrainingTcpServer({ host: options.host, port: options.rpcPort, deserializer: new TracingDeserializer() }, inFlight) },
      { inheritAppConfig: true },
    );
  }
  await app.startAllMicroservices();
  if (exposed.http) await listen(app, options.httpPort, options.host);
  else await app.init();
  return app;
}
