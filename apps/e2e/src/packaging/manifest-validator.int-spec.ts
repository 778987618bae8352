import { K8sObject, OVERLAYS, objectsOf, overlayRenderer, parseYamlDocuments, renderOverlayYaml, workspaceRoot } from '@phoenix/testing';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';

// The rendered overlays through a validator that is not ours (@monokle/validation: best
// practices, the restricted Pod Security Standard, links between objects, the recommended
// labels), run by tools/kubernetes/validate-manifests.mjs, with every rule an error.

interface ValidatorReport {
  validator: string;
  checked: number;
  rules: number;
  exempt: string[];
  errors: Array<{ rule: string; object: string; at?: string; message: string }>;
}

const asYaml = (objects: object[]) => objects.map((o) => `---\n${stringify(o)}`).join('');

function validate(yaml: string, provided: object[] = []): { status: number | null; report: ValidatorReport } {
  const providedFile = join(mkdtempSync(join(tmpdir(), 'phoenix-validate-')), 'provided.yaml');
  writeFileSync(providedFile, asYaml(provided));
  const script = join(workspaceRoot, 'tools/kubernetes/validate-manifests.mjs');
  const run = spawnSync(process.execPath, [script, '--provided', providedFile], { input: yaml, encoding: 'utf8', cwd: workspaceRoot });
  rmSync(dirname(providedFile), { recursive: true, force: true });
  if (!run.stdout) throw new Error(`the validator printed nothing (status ${run.status}): ${run.stderr}`);
  return { status: run.status, report: JSON.parse(run.stdout) as ValidatorReport };
}

/**
 * What the cluster and its operators provide, which the links of the rendered objects name:
 * the cluster DNS (the DNS egress policy selects its pods) and, where the overlay does not
 * generate it, the Secret phoenix-secrets with the keys deploy/README.md lists.
 */
function providedByTheEnvironment(objects: K8sObject[]): object[] {
  const namespace = objects.find((o) => o.kind === 'Namespace')!.metadata.name;
  const dns = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: { containers: [{ name: 'coredns', image: 'coredns/coredns:1.11.3' }] },
  };
  if (objectsOf(objects, 'Secret').length) return [dns];
  const keys = ['DATABASE_URL', 'PHOENIX_PLATFORM_KEY', 'ADMIN_JWT_SECRET', 'CLICKHOUSE_PASSWORD', 'SECRETS_KEY', 'SECRETS_KEYS_OLD'];
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'phoenix-secrets', namespace }, stringData: Object.fromEntries(keys.map((k) => [k, 'provided'])) };
  return [dns, secret];
}

describe.each(OVERLAYS)(`deploy/overlays/%s, by an independent validator (rendered with ${overlayRenderer().description})`, (overlay) => {
  it('has no errors', () => {
    const yaml = renderOverlayYaml(overlay);
    const { status, report } = validate(yaml, providedByTheEnvironment(parseYamlDocuments<K8sObject>(yaml)));
    process.stdout.write(`${report.validator}: ${report.checked} objects of deploy/overlays/${overlay}, ${report.rules} rules, off: ${report.exempt.join(', ')}; ${report.errors.length} errors\n`);
    expect(report.errors).toEqual([]);
    expect(status).toBe(0);
    expect(report.checked).toBeGreaterThan(30);
  });
});

describe('the independent validator', () => {
  it('reports a broken object: privileged, latest image, unlabelled, a Service that selects no pod', () => {
    const broken = [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'broken' },
        spec: {
          selector: { matchLabels: { app: 'broken' } },
          template: { metadata: { labels: { app: 'broken' } }, spec: { containers: [{ name: 'broken', image: 'nginx:latest', securityContext: { privileged: true } }] } },
        },
      },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nowhere' }, spec: { selector: { app: 'nothing' }, ports: [{ port: 80 }] } },
    ];
    const { status, report } = validate(asYaml(broken));
    const rules = new Set(report.errors.map((e) => e.rule));
    expect(status).toBe(1);
    // No latest tag (practices), no privileged container (PSS), recommended labels (metadata), a
    // selector that matches a pod (resource links).
    expect([...rules]).toEqual(expect.arrayContaining(['KBP001', 'PSS103', 'MTD-app.kubernetes.io__version-label', 'LNK001']));
    expect(report.errors.filter((e) => e.object === 'Deployment broken').length).toBeGreaterThan(5);
  });
});
