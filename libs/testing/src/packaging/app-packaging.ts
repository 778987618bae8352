/// <reference types="jest" />
import type { IContainer } from 'kubernetes-models/v1/Container';
import { join } from 'node:path';
import type { z } from 'zod';
import type { AppName } from '../stack';
import { ComposeService, composeEnv, composeServices } from './compose';
import { K8sObject, OVERLAYS, containerEnv, containerNamed, findObject, renderOverlay, resolvePort, selects, workspaceRoot } from './manifests';

/** The image healthcheck's choice of port (tools/docker/healthcheck.cjs). */
const { healthPort } = require(join(workspaceRoot, 'tools/docker/healthcheck.cjs')) as { healthPort: (env: Record<string, string | undefined>) => string | undefined };

/** How one app is packaged, as its own config schema sees it. */
export interface AppPackaging<C> {
  app: AppName;
  schema: z.ZodType<C>;
  /** The operations port (health and metrics), read from a parsed config. */
  opsPort(config: C): number;
  /** A gateway's public port: its API (and the docs where DOCS_PUBLIC is true), never health or metrics. */
  publicPort?(config: C): number;
  rpcPort?(config: C): number;
  /** The app owns a store: the migrate step must run before it, and it must not migrate itself. */
  migrates?: boolean;
  /** Optional in the schema (standalone runs without them), required in distributed mode. */
  alsoRequires?: readonly string[];
}

/** The address variables of the services an app may call (libs/platform service clients). */
const SERVICE_ENDPOINTS = [
  ['REWARDS_CATALOG_HOST', 'REWARDS_CATALOG_PORT'],
  ['ORDER_FULFILLMENT_HOST', 'ORDER_FULFILLMENT_PORT'],
  ['GRANTS_ANALYTICS_HOST', 'GRANTS_ANALYTICS_PORT'],
] as const;

/** What the schema refuses in an environment, one line per variable ([] when it parses). */
export function configProblems(schema: z.ZodType, env: Record<string, string>): string[] {
  const result = schema.safeParse(env);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

function parseConfig<C>(spec: AppPackaging<C>, env: Record<string, string>): C & Record<string, unknown> {
  const problems = configProblems(spec.schema, env);
  if (problems.length) throw new Error(`${spec.app} config refuses the environment:\n${problems.join('\n')}`);
  return spec.schema.parse(env) as C & Record<string, unknown>;
}

const unset = (env: Record<string, string>, keys: readonly string[] = []) => keys.filter((key) => !env[key]);

/** Every port the app listens on. */
function ports<C>(spec: AppPackaging<C>, config: C): number[] {
  return [spec.opsPort(config), ...(spec.publicPort ? [spec.publicPort(config)] : []), ...(spec.rpcPort ? [spec.rpcPort(config)] : [])].sort();
}

/**
 * The packaging rules one app must meet, checked against its own config schema: in both
 * Kustomize overlays (Deployment env, probes, Service, PDB, grace period, migration Job) and
 * in docker-compose.yml (env, healthcheck port, published port, migrate step).
 */
export function describeAppPackaging<C>(spec: AppPackaging<C>): void {
  describe.each(OVERLAYS)(`${spec.app} in deploy/overlays/%s`, (overlay) => {
    let objects: K8sObject[];
    let deployment: K8sObject;
    let container: IContainer;
    let env: Record<string, string>;
    const config = () => parseConfig(spec, env);

    beforeAll(() => {
      objects = renderOverlay(overlay);
      deployment = findObject(objects, 'Deployment', spec.app);
      container = containerNamed(deployment, spec.app);
      env = containerEnv(container, objects);
    });

    it('supplies every variable its config requires (ConfigMap, Secret keys), listening on all interfaces', () => {
      expect(configProblems(spec.schema, env)).toEqual([]);
      expect(unset(env, spec.alsoRequires)).toEqual([]);
      expect(env['HOST']).toBe('0.0.0.0');
    });

    it('probes /health/live and /health/ready on the operations port its config listens on, where Prometheus scrapes too', () => {
      const expected = spec.opsPort(config());
      const probes = (['startupProbe', 'livenessProbe', 'readinessProbe'] as const).map((probe) => {
        const get = container[probe]?.httpGet;
        return { probe, path: get?.path, port: get ? resolvePort(container, get.port) : undefined };
      });
      expect(probes).toEqual([
        { probe: 'startupProbe', path: '/health/live', port: expected },
        { probe: 'livenessProbe', path: '/health/live', port: expected },
        { probe: 'readinessProbe', path: '/health/ready', port: expected },
      ]);
      expect(resolvePort(container, 'ops')).toBe(expected);
      expect(deployment.spec.template.metadata.annotations?.['prometheus.io/port']).toBe(String(expected));
    });

    if (spec.publicPort) {
      it('serves its docs on the public port in dev only (DOCS_PUBLIC), and the API there on the port named http', () => {
        expect(config()['DOCS_PUBLIC']).toBe(overlay === 'dev');
        expect(resolvePort(container, 'http')).toBe(spec.publicPort!(config()));
      });
    }

    it('has a Service for its ports and a PodDisruptionBudget, both selecting its pods', () => {
      const podLabels = deployment.spec.template.metadata.labels;
      const service = findObject(objects, 'Service', spec.app);
      const servicePorts: Array<{ port: number; targetPort?: number | string }> = service.spec.ports;
      expect(selects(service.spec.selector, podLabels)).toBe(true);
      // Clients dial the port numbers of their config, so the Service keeps them unchanged.
      expect(servicePorts.map((p) => p.port).sort()).toEqual(ports(spec, config()));
      expect(servicePorts.map((p) => resolvePort(container, p.targetPort ?? p.port)).sort()).toEqual(ports(spec, config()));
      const budget = findObject(objects, 'PodDisruptionBudget', spec.app);
      expect(selects(budget.spec.selector.matchLabels, podLabels)).toBe(true);
    });

    it('reaches each service it calls at the host and port of that service’s Service', () => {
      const parsed = config();
      for (const [hostKey, portKey] of SERVICE_ENDPOINTS) {
        if (!(hostKey in parsed)) continue;
        const service = findObject(objects, 'Service', String(parsed[hostKey]));
        expect({ hostKey, ports: service.spec.ports.map((p: { port: number }) => p.port) }).toEqual({ hostKey, ports: expect.arrayContaining([parsed[portKey]]) });
      }
    });

    it('is given longer to stop than its SHUTDOWN_TIMEOUT_MS', () => {
      const grace = deployment.spec.template.spec.terminationGracePeriodSeconds as number;
      expect(grace * 1000).toBeGreaterThan(Number(config()['SHUTDOWN_TIMEOUT_MS']));
    });

    if (spec.migrates) {
      it('is migrated by the Job (`migrate` in its own image, with the env its config needs) and not at start', () => {
        const step = containerNamed(findObject(objects, 'Job', 'phoenix-migrate'), spec.app);
        expect([...(step.command ?? []), ...(step.args ?? [])]).toEqual(['node', `dist/apps/${spec.app}/main.js`, 'migrate']);
        expect(step.image).toBe(container.image);
        const stepEnv = containerEnv(step, objects);
        expect(configProblems(spec.schema, stepEnv)).toEqual([]);
        expect(unset(stepEnv, spec.alsoRequires)).toEqual([]);
        expect(config()['MIGRATIONS_RUN']).toBe(false);
      });
    }
  });

  describe(`${spec.app} in docker-compose.yml`, () => {
    let services: Record<string, ComposeService>;
    let service: ComposeService;
    let env: Record<string, string>;
    const config = () => parseConfig(spec, env);

    beforeAll(() => {
      services = composeServices();
      service = services[spec.app]!;
      env = composeEnv(service ?? {});
    });

    it('supplies every variable its config requires, and its image healthcheck probes the port the app listens on', () => {
      expect(service).toBeDefined();
      expect(configProblems(spec.schema, env)).toEqual([]);
      expect(unset(env, spec.alsoRequires)).toEqual([]);
      // tools/docker/healthcheck.cjs, as the image runs it (APP set by the image): the compose
      // service's port, and the config's default when a plain `docker run` sets none.
      expect(healthPort({ ...env, APP: spec.app })).toBe(String(spec.opsPort(config())));
      const portless = Object.fromEntries(Object.entries(env).filter(([name]) => !/_PORT$/.test(name)));
      expect(healthPort({ ...portless, APP: spec.app })).toBe(String(spec.opsPort(parseConfig(spec, portless))));
    });

    it('names compose services as the hosts of the services it calls', () => {
      const parsed = config();
      const hosts = SERVICE_ENDPOINTS.filter(([hostKey]) => hostKey in parsed).map(([hostKey]) => String(parsed[hostKey]));
      expect(hosts.filter((host) => !services[host])).toEqual([]);
    });

    if (spec.publicPort) {
      it('publishes its public port (alone: not the operations port) on the same port as standalone mode, with its docs', () => {
        // The port the config defaults to, as in standalone mode: the env without its *_PORT overrides.
        const defaults = Object.fromEntries(Object.entries(env).filter(([key]) => !key.endsWith('_PORT')));
        const standalonePort = spec.publicPort!(parseConfig(spec, defaults));
        const published = (service.ports ?? []).map((p) => ({ published: Number(p.published), target: Number(p.target) }));
        expect(published).toEqual([{ published: standalonePort, target: spec.publicPort!(config()) }]);
        expect(config()['DOCS_PUBLIC']).toBe(true);
      });
    }

    if (spec.migrates) {
      it('starts once its migrate step has completed, and does not migrate itself', () => {
        const steps = Object.entries(service.depends_on ?? {})
          .filter(([, dependency]) => dependency.condition === 'service_completed_successfully')
          .map(([name]) => services[name]!)
          .filter((step) => step.command?.join(' ') === `node dist/apps/${spec.app}/main.js migrate`);
        expect(steps).toHaveLength(1);
        expect(steps[0]!.image).toBe(service.image);
        expect(configProblems(spec.schema, composeEnv(steps[0]!))).toEqual([]);
        expect(config()['MIGRATIONS_RUN']).toBe(false);
      });
    }
  });
}
