import { DynamicModule, INestMicroservice, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions } from '@nestjs/microservices';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HttpServerConfig } from '../config/config';
import { createHttpApp, listen } from '../http/create-http-app';
import { serveOpsRoutes } from '../http/ops-routes';
import { ReadinessRegistry } from '../health/health';
import { Metrics } from '../metrics/metrics';
import { RpcErrorFilter } from './rpc-exception.filter';
import { AppLogger } from '../logging/log-context';
import { InProcessRpcServer, exposedListeners, inProcessRpcEnabled } from './in-process-rpc';
import { DrainingTcpServer, InFlightInterceptor, InFlightMessages } from './rpc-drain';
import { RpcTracingInterceptor, TracingDeserializer } from './rpc-tracing';
import type { ServiceName } from './service-clients';

export interface ServiceAppOptions {
  service: ServiceName;
  host: string;
  /** The operations port (the service's only HTTP side): health and metrics. */
  httpPort: number;
  /** Port of the TCP message transport the gateways call. */
  rpcPort: number;
  /** Timeouts and connection cap of the HTTP side (the app's config). */
  limits?: HttpServerConfig;
}

/**
 * A service: message handlers on TCP, plus an HTTP side for probes and metrics (its operations port). On close the
 * TCP listener stops, messages being handled finish (new ones are refused), then the pools close.
 * In a standalone the handlers take calls in-process, and the TCP and HTTP listeners open only
 * when their ports were asked for (see `enableInProcessRpc`).
 */
export async function startServiceApp(module: Type<unknown> | DynamicModule, options: ServiceAppOptions): Promise<NestFastifyApplication | INestMicroservice> {
  const exposed = exposedListeners(options.service);
  if (inProcessRpcEnabled() && !exposed.rpc && !exposed.ops) return startInProcessService(module, options.service);
  const app = await createHttpApp(module, {
    ...(options.limits ? { limits: options.limits } : {}),
    configure: (nest) => serveOpsRoutes(nest.getHttpAdapter().getInstance(), { readiness: nest.get(ReadinessRegistry), metrics: nest.get(Metrics) }),
  });
  app.useGlobalInterceptors(new RpcTracingInterceptor());
  const inFlight = new InFlightMessages();
  app.useGlobalInterceptors(new InFlightInterceptor(inFlight));
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
  if (exposed.ops) await listen(app, options.httpPort, options.host);
  else await app.init();
  return app;
}

/**
 * A service of a standalone that opens none of its own listeners: calls reach it in-process
 * only, so it is a Nest microservice without an HTTP app (building one that never listens was
 * start-up work for nothing). Its filters and interceptors are those the hybrid app gives its
 * microservices above.
 */
async function startInProcessService(module: Type<unknown> | DynamicModule, service: ServiceName): Promise<INestMicroservice> {
  const inFlight = new InFlightMessages();
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(module, {
    strategy: new InProcessRpcServer(service, inFlight, new TracingDeserializer()),
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(new AppLogger());
  app.useGlobalFilters(new RpcErrorFilter());
  app.useGlobalInterceptors(new RpcTracingInterceptor(), new InFlightInterceptor(inFlight));
  await app.listen();
  return app;
}
