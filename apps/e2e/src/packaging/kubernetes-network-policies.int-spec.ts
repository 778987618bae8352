import { K8sObject, LabelSelector, OVERLAYS, containerEnv, findObject, matchesSelector, objectsOf, podSpecOf, renderOverlay, resolvePort, selects } from '@phoenix/testing';
import { APPS, CALLS_THE_INTERNET, GATEWAYS, MIGRATE_JOB, RPC_CALLERS, STORES, Store, names, podLabels, workloads } from './kubernetes-facts';

// The NetworkPolicies of the rendered overlays: every Phoenix pod is closed both ways, and opened
// exactly as far as the apps' calls and config need.

const MONITORING = { 'kubernetes.io/metadata.name': 'monitoring' };
const KUBE_DNS = { namespace: { 'kubernetes.io/metadata.name': 'kube-system' }, pods: { 'k8s-app': 'kube-dns' } };
/** What order-fulfillment must never reach (the app refuses them too, unless WEBHOOK_ALLOW_PRIVATE). */
const NOT_PUBLIC: Record<string, string[]> = {
  '0.0.0.0/0': ['10.0.0.0/8', '100.64.0.0/10', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16'],
  '::/0': ['fc00::/7', 'fe80::/10'],
};

interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: Array<{ protocol?: string; port: number | string }>;
}

/** The TCP port of a URL (its own, else its scheme's). */
const urlPort = (url: string) => Number(new URL(url).port || (new URL(url).protocol === 'https:' ? 443 : 80));

describe.each(OVERLAYS)('network policies of deploy/overlays/%s', (overlay) => {
  const objects = renderOverlay(overlay);
  const policies = objectsOf(objects, 'NetworkPolicy');
  const deployments = objectsOf(objects, 'Deployment');
  const pods = workloads(objects);
  const config = objectsOf(objects, 'ConfigMap')[0]!.data!;
  /** The Deployments whose pods a selector picks. */
  const selected = (selector: LabelSelector | undefined) => names(deployments.filter((d) => matchesSelector(selector, podLabels(d))));
  const policiesOf = (workload: K8sObject, type: 'Ingress' | 'Egress') =>
    policies.filter((p) => p.spec.policyTypes?.includes(type) && matchesSelector(p.spec.podSelector, podLabels(workload)));
  const appContainer = (app: string) => podSpecOf(findObject(objects, 'Deployment', app)).containers[0]!;
  const portNamed = (app: string, name: string) => resolvePort(appContainer(app), name);

  describe('ingress', () => {
    const rulesFor = (app: string) => policiesOf(findObject(objects, 'Deployment', app), 'Ingress').flatMap((p) => (p.spec.ingress ?? []) as Rule[]);
    const portsOf = (app: string, rule: Rule) => (rule.ports ?? []).map((p) => resolvePort(appContainer(app), p.port));

    it('deny all ingress to every app pod unless a rule lets it in', () => {
      const denyAll = policies.filter((p) => p.spec.policyTypes?.includes('Ingress') && !p.spec.ingress?.length);
      const covered = new Set(denyAll.flatMap((p) => selected(p.spec.podSelector)));
      expect([...covered].sort()).toEqual([...APPS].sort());
    });

    it.each(APPS)('let only the gateways be reached from outside, and %s only as intended', (app) => {
      const rules = rulesFor(app);
      const open = rules.filter((rule) => !rule.from?.length || rule.from.some((peer) => peer.ipBlock || (peer.namespaceSelector && !selects(MONITORING, peer.namespaceSelector.matchLabels))));
      const fromMonitoring = rules.filter((rule) => rule.from?.some((peer) => peer.namespaceSelector && selects(MONITORING, peer.namespaceSelector.matchLabels)));
      const fromPods = rules.filter((rule) => rule.from?.length && rule.from.every((peer) => peer.podSelector && !peer.namespaceSelector));
      expect(open.length + fromMonitoring.length + fromPods.length).toBe(rules.length);

      // Health and metrics, on the operations port, from the monitoring namespace only.
      expect(fromMonitoring.flatMap((rule) => portsOf(app, rule))).toEqual([portNamed(app, 'ops')]);
      if (GATEWAYS.includes(app)) {
        // Outside traffic on the public HTTP port only (which serves no health or metrics).
        expect(open.flatMap((rule) => portsOf(app, rule))).toEqual([portNamed(app, 'http')]);
        expect(fromPods).toEqual([]);
      } else {
        expect(open).toEqual([]);
        expect(fromPods.flatMap((rule) => portsOf(app, rule))).toEqual([portNamed(app, 'rpc')]);
        const callers = new Set(fromPods.flatMap((rule) => rule.from!.flatMap((peer) => selected(peer.podSelector))));
        expect([...callers].sort()).toEqual(RPC_CALLERS[app]);
      }
    });
  });

  describe('egress', () => {
    /** One line per (protocol, port, destination) a pod may reach. */
    function allowedFrom(workload: K8sObject): string[] {
      const lines = policiesOf(workload, 'Egress').flatMap((p) =>
        ((p.spec.egress ?? []) as Rule[]).flatMap((rule) => {
          const peers: Array<Peer | undefined> = rule.to?.length ? rule.to : [undefined];
          return peers.flatMap((peer) => {
            const apps = peer?.podSelector && !peer.namespaceSelector ? selected(peer.podSelector) : [];
            return (rule.ports ?? [{ port: 'any' }]).flatMap(({ protocol = 'TCP', port }) => {
              if (apps.length) return apps.map((app) => `${protocol} ${resolvePort(appContainer(app), port)} to ${app}`);
              return [`${protocol} ${port} to ${describePeer(peer)}`];
            });
          });
        }),
      );
      return [...new Set(lines)].sort();
    }

    function describePeer(peer: Peer | undefined): string {
      if (!peer) return 'anywhere';
      if (peer.ipBlock) return [peer.ipBlock.cidr, ...(peer.ipBlock.except?.length ? ['except', [...peer.ipBlock.except].sort().join(' ')] : [])].join(' ');
      const dns = selects(KUBE_DNS.namespace, peer.namespaceSelector?.matchLabels) && selects(KUBE_DNS.pods, peer.podSelector?.matchLabels);
      return dns ? 'kube-dns' : JSON.stringify(peer);
    }

    const containersWith = (workload: K8sObject, variable: string) =>
      [...(podSpecOf(workload).initContainers ?? []), ...podSpecOf(workload).containers].find((c) => c.env?.some((e) => e.name === variable));

    /** The store ports of the overlay's config: DATABASE_URL (the Secret's, or the operator's stand-in), KAFKA_BROKERS, CLICKHOUSE_URL. */
    function storePorts(workload: K8sObject): Record<Store, number[]> {
      const env = containerEnv(containersWith(workload, 'DATABASE_URL') ?? podSpecOf(workload).containers[0]!, objects);
      return {
        postgres: env['DATABASE_URL'] ? [urlPort(env['DATABASE_URL'].replace(/^postgres(ql)?:/, 'http:'))] : [],
        kafka: [...new Set(config['KAFKA_BROKERS']!.split(',').map((broker) => Number(broker.split(':').pop())))],
        clickhouse: [urlPort(config['CLICKHOUSE_URL']!)],
      };
    }

    function expectedFrom(workload: K8sObject): string[] {
      const name = podLabels(workload)['app.kubernetes.io/name']!;
      const ports = storePorts(workload);
      const callees = Object.keys(RPC_CALLERS).filter((callee) => RPC_CALLERS[callee]!.includes(name));
      // Private addresses only where the overlay lets tenants name them (WEBHOOK_ALLOW_PRIVATE, dev).
      const privateAllowed = config['WEBHOOK_ALLOW_PRIVATE'] === 'true';
      const internet = CALLS_THE_INTERNET.includes(name)
        ? Object.entries(NOT_PUBLIC).flatMap(([cidr, except]) => [443, 80].map((port) => `TCP ${port} to ${privateAllowed ? cidr : `${cidr} except ${except.join(' ')}`}`))
        : [];
      return [
        'UDP 53 to kube-dns',
        'TCP 53 to kube-dns',
        ...STORES[name]!.flatMap((store) => ports[store].map((port) => `TCP ${port} to anywhere`)),
        ...callees.map((callee) => `TCP ${portNamed(callee, 'rpc')} to ${callee}`),
        ...internet,
      ].sort();
    }

    it('deny all egress from every Phoenix pod (the apps and the migrate Job) unless a rule lets it out', () => {
      const denied = pods.filter((w) => policiesOf(w, 'Egress').some((p) => !p.spec.egress?.length));
      expect(names(denied)).toEqual([...APPS, MIGRATE_JOB].sort());
    });

    it.each([...APPS, MIGRATE_JOB])('let %s reach DNS, its stores on their configured ports, the services it calls, and nothing else', (name) => {
      const workload = pods.find((w) => w.metadata.name === name)!;
      expect(allowedFrom(workload)).toEqual(expectedFrom(workload));
    });
  });
});
