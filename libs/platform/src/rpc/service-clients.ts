import { OnApplicationShutdown, Provider } from '@nestjs/common';
import { Patterns } from '@phoenix/contracts';
import type { ServiceEndpointsConfig } from '../config/config';
import { ReadinessRegistry } from '../health/health';
import { ServiceClient, ServiceEndpoint } from './service-client';

export type ServiceName = 'rewards-catalog' | 'order-fulfillment' | 'grants-analytics';

/** Injection token of the client for one service, e.g. `@Inject(serviceToken('rewards-catalog'))`. */
export const serviceToken = (name: ServiceName) => `phoenix:service-client:${name}`;

class ManagedServiceClient extends ServiceClient implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}

export function serviceClientProvider(endpoint: ServiceEndpoint & { name: ServiceName }): Provider {
  return { provide: serviceToken(endpoint.name), useFactory: () => new ManagedServiceClient(endpoint) };
}

/**
 * Reports whether the named service answers a ping. `required`: the app is ready only while it
 * does; otherwise it is reported (readiness `degraded`) and only the routes that call it answer
 * 503 UPSTREAM_UNAVAILABLE while it is down.
 */
export function serviceReadinessProvider(name: ServiceName, required = true): Provider {
  return {
    provide: `phoenix:service-readiness:${name}`,
    inject: [serviceToken(name), ReadinessRegistry],
    useFactory: (client: ServiceClient, readiness: ReadinessRegistry) => {
      readiness.add({ name, required, check: async () => void (await client.send(Patterns.systemPing, {})) });
      return true;
    },
  };
}

const ENDPOINT_KEYS = {
  'rewards-catalog': ['REWARDS_CATALOG_HOST', 'REWARDS_CATALOG_PORT'],
  'order-fulfillment': ['ORDER_FULFILLMENT_HOST', 'ORDER_FULFILLMENT_PORT'],
  'grants-analytics': ['GRANTS_ANALYTICS_HOST', 'GRANTS_ANALYTICS_PORT'],
} as const satisfies Record<ServiceName, readonly [keyof ServiceEndpointsConfig, keyof ServiceEndpointsConfig]>;

/**
 * An app's client for one service, addressed from config, and its readiness probe. Only
 * rewards-catalog (tenants, credentials, the catalog, wallets and orders) is required by the
 * gateways; an app degrades by route without the others, and order-fulfillment works on (its jobs
 * wait) while rewards-catalog is down, so it passes `required: false` for it.
 */
export function serviceClientProviders(name: ServiceName, config: ServiceEndpointsConfig, options: { required?: boolean } = {}): Provider[] {
  const [hostKey, portKey] = ENDPOINT_KEYS[name];
  return [
    serviceClientProvider({ name, host: config[hostKey], port: config[portKey], timeoutMs: config.SERVICE_TIMEOUT_MS }),
    serviceReadinessProvider(name, options.required ?? name === 'rewards-catalog'),
  ];
}
