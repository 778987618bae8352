import 'reflect-metadata';
import { Controller, INestMicroservice, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AppError, ErrorCode, Patterns } from '@phoenix/contracts';
import { pino } from 'pino';
import { currentLogger, registerAppRoot, runAsApp } from '../logging/log-context';
import { InProcessRpcServer, enableInProcessRpc, exposedListeners, inProcessRpcEnabled } from './in-process-rpc';
import { InFlightInterceptor, InFlightMessages } from './rpc-drain';
import { RpcErrorFilter } from './rpc-exception.filter';
import { TracingDeserializer } from './rpc-tracing';
import { ServiceClient } from './service-client';

const received: unknown[] = [];
const handledBy: unknown[] = [];
const serviceLogs = pino({ level: 'silent' });
const gatewayLogs = pino({ level: 'silent' });
let release: (() => void) | undefined;

@Controller()
class ProbeController {
  @MessagePattern(Patterns.systemPing)
  ping(@Payload() payload: Record<string, unknown>): unknown {
    received.push(payload);
    handledBy.push(currentLogger());
    return { service: 'probe', at: new Date(0), dropped: undefined, echo: payload };
  }

  @MessagePattern(Patterns.tenantsGet)
  async get(@Payload() payload: { tenant_id: string }): Promise<never> {
    if (payload.tenant_id === 'slow') await new Promise<void>((resolve) => (release = resolve));
    throw new AppError(ErrorCode.NotFound, `Tenant ${payload.tenant_id} not found`);
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const RPC_REGISTRY = Symbol.for('phoenix.in-process-rpc');

describe('in-process RPC', () => {
  let service: INestMicroservice;
  let client: ServiceClient;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    enableInProcessRpc({ 'rewards-catalog': { rpc: false, ops: true } });
    const inFlight = new InFlightMessages();
    service = await NestFactory.createMicroservice(ProbeModule, {
      strategy: new InProcessRpcServer('rewards-catalog', inFlight, new TracingDeserializer()),
      logger: false,
    });
    service.useGlobalInterceptors(new InFlightInterceptor(inFlight));
    service.useGlobalFilters(new RpcErrorFilter());
    await runAsApp(async () => {
      registerAppRoot(serviceLogs);
      await service.listen();
    });
    client = new ServiceClient({ name: 'rewards-catalog', host: '127.0.0.1', port: 1, timeoutMs: 2_000 });
  });

  afterAll(async () => {
    await client.close();
    await service.close();
    delete (globalThis as unknown as Record<symbol, unknown>)[RPC_REGISTRY];
  });

  it('is enabled for the process, and opens only the listeners that were asked for', () => {
    expect(inProcessRpcEnabled()).toBe(true);
    expect(exposedListeners('rewards-catalog')).toEqual({ rpc: false, ops: true });
    expect(exposedListeners('grants-analytics')).toEqual({ rpc: false, ops: false });
  });

  it('hands over what TCP would: JSON both ways, no object shared with the caller', async () => {
    const request = { nested: { when: new Date(0), gone: undefined } };
    const reply = (await client.send(Patterns.systemPing, request as never)) as unknown as Record<string, unknown>;
    expect(reply).toEqual({ service: 'probe', at: '1970-01-01T00:00:00.000Z', echo: { nested: { when: '1970-01-01T00:00:00.000Z' } } });
    expect(received.at(-1)).not.toBe(request);
    expect(received.at(-1)).toEqual({ nested: { when: '1970-01-01T00:00:00.000Z' } });
  });

  it('handles a call in the service’s log context, not the caller’s', async () => {
    await runAsApp(async () => {
      registerAppRoot(gatewayLogs);
      await client.send(Patterns.systemPing, {} as never);
    });
    expect(handledBy.at(-1)).toBe(serviceLogs);
  });

  it('brings a service error back as an AppError with its code', async () => {
    await expect(client.send(Patterns.tenantsGet, { tenant_id: 'nope' })).rejects.toMatchObject({ code: ErrorCode.NotFound, message: 'Tenant nope not found' });
  });

  it('on close finishes the message being handled, then answers UPSTREAM_UNAVAILABLE like a closed port', async () => {
    const slow = client.send(Patterns.tenantsGet, { tenant_id: 'slow' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const closing = service.close();
    await expect(client.send(Patterns.tenantsGet, { tenant_id: 'late' })).rejects.toMatchObject({ code: ErrorCode.UpstreamUnavailable });
    release?.();
    await expect(slow).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await closing;
    await expect(client.send(Patterns.systemPing, {})).rejects.toMatchObject({ code: ErrorCode.UpstreamUnavailable, message: 'rewards-catalog is unavailable' });
  });
});
