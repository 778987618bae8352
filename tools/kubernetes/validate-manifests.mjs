// Validates rendered Kubernetes manifests with @monokle/validation, a validator of its own rules,
// independent of the project's checks: Kubernetes best practices, the restricted Pod Security
// Standard, links between objects (selectors, ConfigMap and Secret references), YAML syntax and
// the recommended app.kubernetes.io/* labels. Every rule counts as an error.
//
//   node tools/kubernetes/validate-manifests.mjs [--provided cluster.yaml] < rendered.yaml
//
// --provided names objects the cluster or its operators supply (a Secret, the DNS pods) that the
// rendered ones link to: they count for the links, and are not validated themselves.
// Prints one JSON line, {"validator":…,"checked":N,"rules":N,"exempt":[…],"errors":[{rule,object,
// at,message}]}, and exits 1 when there is an error. Its kubernetes-schema plugin stays off: it fetches its
// schemas from its maintainers' website at run time, which CI cannot reach (schema validity is
// checked by kubernetes-models in the manifest test).
import { readFileSync } from 'node:fs';
import {
  AnnotationSuppressor,
  DisabledFixer,
  MonokleValidator,
  ResourceParser,
  SchemaLoader,
  processRefs,
  requireFromStringCustomPluginLoader,
  RemotePluginLoader,
} from '@monokle/validation';
import { parseAllDocuments } from 'yaml';

const RECOMMENDED_LABELS = ['name', 'instance', 'version', 'component', 'part-of', 'managed-by'].map((key) => `app.kubernetes.io/${key}`);
/**
 * The rules we turn off, each with its reason. The apps read their whole configuration from the
 * environment (one config loader, the same in every run mode), so a secret reaches them as an
 * env variable from a secretKeyRef; the practice asks for secret files instead.
 */
const EXEMPT = {
  'practices/no-secret-env': 'the apps read secrets from env variables (secretKeyRef), by design',
  'practices/no-secret-mounted-as-env': 'the apps read secrets from env variables (secretKeyRef), by design',
};
const PLUGINS = { 'yaml-syntax': true, 'resource-links': true, practices: true, 'pod-security-standards': true, metadata: true, 'kubernetes-schema': false };

/** Monokle's own resource shape, one per YAML document. */
function toResources(text, prefix) {
  return parseAllDocuments(text)
    .map((doc) => ({ doc, content: doc.toJS() }))
    .filter(({ content }) => content)
    .map(({ doc, content }, index) => ({
      id: `${prefix}-${index}`,
      fileId: 'rendered',
      filePath: 'rendered.yaml',
      fileOffset: 0,
      name: content.metadata?.name ?? '',
      apiVersion: content.apiVersion ?? '',
      kind: content.kind ?? '',
      namespace: content.metadata?.namespace,
      content,
      text: doc.toString(),
    }));
}

export async function validateManifests(text, providedText = '') {
  const parser = new ResourceParser();
  const validator = new MonokleValidator({
    loader: new RemotePluginLoader(requireFromStringCustomPluginLoader),
    parser,
    schemaLoader: new SchemaLoader(),
    suppressors: [new AnnotationSuppressor()],
    fixer: new DisabledFixer(),
  });
  await validator.preload({ plugins: PLUGINS });
  // Every rule of the enabled plugins as an error. Monokle's recommended-labels rule names
  // `app.kubernetes.io/managed` (not managed-by), so the six labels are checked one rule each.
  const rules = {};
  for (const [plugin, pluginRules] of Object.entries(validator.rules)) {
    for (const rule of pluginRules) rules[`${plugin}/${rule.name}`] = 'err';
  }
  rules['metadata/recommended-labels'] = false;
  for (const rule of Object.keys(EXEMPT)) rules[rule] = false;
  for (const label of RECOMMENDED_LABELS) rules[`metadata/${label.replace('/', '__')}-label`] = 'err';
  await validator.preload({ plugins: PLUGINS, rules });

  const resources = toResources(text, 'rendered');
  const provided = toResources(providedText, 'provided');
  processRefs([...resources, ...provided], parser);
  const response = await validator.validate({ resources: [...resources, ...provided] });
  const byId = new Map(resources.map((r) => [r.id, r]));
  const errors = response.runs.flatMap((run) =>
    run.results
      .map((result) => ({ result, location: result.locations?.[1]?.physicalLocation }))
      // The second location is the object's own: its id, and the line within its YAML.
      .filter(({ result, location }) => result.level === 'error' && byId.has(location?.artifactLocation?.uri ?? ''))
      .map(({ result, location }) => {
        const resource = byId.get(location.artifactLocation.uri);
        const line = resource?.text.split('\n')[(location?.region?.startLine ?? 0) - 1]?.trim();
        return { rule: result.ruleId, object: `${resource.kind} ${resource.name}`, at: line, message: result.message.text };
      }),
  );
  const ruleCount = Object.values(validator.rules).reduce((n, list) => n + list.length, 0);
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('@monokle/validation')), 'utf8'));
  return { validator: `@monokle/validation ${version}`, checked: resources.length, rules: ruleCount, exempt: Object.keys(EXEMPT), errors };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const providedAt = process.argv.indexOf('--provided');
  const providedText = providedAt > 0 ? readFileSync(process.argv[providedAt + 1], 'utf8') : '';
  const report = await validateManifests(readFileSync(0, 'utf8'), providedText);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exitCode = report.errors.length ? 1 : 0;
}
