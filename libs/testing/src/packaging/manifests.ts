import { join, resolve } from 'node:path';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { parseAllDocuments } from 'yaml';
import { KustomizeRenderer, chooseKustomizeRenderer } from './kustomize';

export const workspaceRoot = resolve(__dirname, '../../../..');

/** The Kustomize overlays under deploy/overlays. */
export const OVERLAYS = ['dev', 'prod'] as const;
export type Overlay = (typeof OVERLAYS)[number];

/** One rendered Kubernetes object, loosely typed: tests narrow by kind. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // Each kind has its own spec; the tests read the fields they check.
  spec?: any;
  data?: Record<string, string>;
}

/** Parses a multi-document YAML stream, failing on the first syntax error. */
export function parseYamlDocuments<T>(text: string): T[] {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length) throw new Error(`invalid YAML: ${doc.errors.map((e) => e.message).join('; ')}`);
    return doc.toJS() as T;
  }).filter((value) => value !== null);
}

let renderer: KustomizeRenderer | undefined;

/** The kustomize that renders the overlays in this process (chosen once: see chooseKustomizeRenderer). */
export function overlayRenderer(): KustomizeRenderer {
  renderer ??= chooseKustomizeRenderer(workspaceRoot);
  return renderer;
}

export const overlayDirectory = (overlay: Overlay) => join(workspaceRoot, 'deploy', 'overlays', overlay);

/** The YAML of `kustomize build deploy/overlays/<overlay>`, by the chosen renderer or the one given. */
export function renderOverlayYaml(overlay: Overlay, by: KustomizeRenderer = overlayRenderer()): string {
  return by.build(overlayDirectory(overlay));
}

export function renderOverlay(overlay: Overlay, by?: KustomizeRenderer): K8sObject[] {
  return parseYamlDocuments<K8sObject>(renderOverlayYaml(overlay, by));
}

export function objectsOf(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind);
}

export function findObject(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} named ${name} in the rendered manifests`);
  return found;
}

/** The pod spec of a Deployment or Job. */
export function podSpecOf(workload: K8sObject): IPodSpec {
  return workload.spec.template.spec as IPodSpec;
}

export function containersOf(pod: IPodSpec): IContainer[] {
  return [...(pod.initContainers ?? []), ...pod.containers];
}

export function containerNamed(workload: K8sObject, name: string): IContainer {
  const found = containersOf(podSpecOf(workload)).find((c) => c.name === name);
  if (!found) throw new Error(`${workload.kind} ${workload.metadata.name} has no container named ${name}`);
  return found;
}

/** A named or numbered container port, as a number. */
export function resolvePort(container: IContainer, port: number | string): number {
  if (typeof port === 'number') return port;
  const named = container.ports?.find((p) => p.name === port);
  if (!named) throw new Error(`container ${container.name} has no port named ${port}`);
  return named.containerPort;
}

/** True when every label of the selector is on the object. */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector ?? {}).every(([key, value]) => labels?.[key] === value);
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }>;
}

/** A Kubernetes label selector (matchLabels and matchExpressions) against an object's labels. */
export function matchesSelector(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  const expressions = (selector?.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    const value = labels?.[key];
    if (operator === 'In') return value !== undefined && values.includes(value);
    if (operator === 'NotIn') return value === undefined || !values.includes(value);
    return operator === 'Exists' ? value !== undefined : value === undefined;
  });
  return expressions && selects(selector?.matchLabels, labels);
}

/** Stand-ins for the values of secret keys that no rendered Secret holds (operators create it). */
const SECRET_PLACEHOLDERS: Record<string, string> = {
  DATABASE_URL: 'postgres://phoenix:placeholder@postgres.invalid:5432/phoenix',
  SECRETS_KEY: `placeholder:${Buffer.alloc(32).toString('base64')}`,
};
const secretPlaceholder = (key: string) => SECRET_PLACEHOLDERS[key] ?? `placeholder-for-${key}`.padEnd(64, '-');

function dataOf(objects: K8sObject[], kind: 'ConfigMap' | 'Secret', name: string): Record<string, string> | undefined {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) return undefined;
  const data = found.data ?? {};
  return kind === 'Secret' ? Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')])) : data;
}

/**
 * The environment a container starts with, built from the rendered objects: its ConfigMaps
 * (which must be rendered), literal values, and secret keys — from the Secret when the overlay
 * renders one, else a placeholder. An optional secret key of a Secret that is not rendered
 * counts as absent: the operator may leave it out.
 */
export function containerEnv(container: IContainer, objects: K8sObject[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const ref = source.configMapRef ?? source.secretRef;
    const kind = source.configMapRef ? 'ConfigMap' : 'Secret';
    const data = ref ? dataOf(objects, kind, ref.name!) : undefined;
    if (!data) throw new Error(`${container.name}: envFrom names ${kind} ${ref?.name}, which is not rendered`);
    Object.assign(env, data);
  }
  for (const variable of container.env ?? []) {
    const configKey = variable.valueFrom?.configMapKeyRef;
    const secretKey = variable.valueFrom?.secretKeyRef;
    if (variable.value !== undefined) {
      env[variable.name] = variable.value;
    } else if (configKey) {
      const value = dataOf(objects, 'ConfigMap', configKey.name!)?.[configKey.key];
      if (value === undefined) throw new Error(`${container.name}: ${variable.name} names a missing ConfigMap key`);
      env[variable.name] = value;
    } else if (secretKey) {
      const secret = dataOf(objects, 'Secret', secretKey.name!);
      const value = secret ? secret[secretKey.key] : secretKey.optional ? undefined : secretPlaceholder(secretKey.key);
      if (value !== undefined) env[variable.name] = value;
    }
  }
  return env;
}
