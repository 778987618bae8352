import { K8sObject, objectsOf } from '@phoenix/testing';

// What the Kubernetes manifest tests know of our apps, from their code and config.

export const APPS = ['rewards-catalog', 'order-fulfillment', 'grants-analytics', 'query-gateway', 'admin-gateway'];
export const GATEWAYS = ['query-gateway', 'admin-gateway'];
export const AUTOSCALED = ['query-gateway', 'admin-gateway', 'grants-analytics'];
export const MIGRATE_JOB = 'phoenix-migrate';

/** Who calls whom over RPC (ServiceClient use in each app): nobody else may reach an RPC port. */
export const RPC_CALLERS: Record<string, string[]> = {
  'rewards-catalog': ['admin-gateway', 'order-fulfillment', 'query-gateway'],
  'order-fulfillment': ['admin-gateway'],
  'grants-analytics': ['admin-gateway', 'query-gateway'],
};

export type Store = 'postgres' | 'kafka' | 'clickhouse';
/** The external stores each pod talks to (its config schema, and the migrate steps' stores). */
export const STORES: Record<string, Store[]> = {
  'rewards-catalog': ['postgres', 'kafka'],
  'order-fulfillment': ['postgres', 'kafka'],
  'grants-analytics': ['kafka', 'clickhouse'],
  'query-gateway': [],
  'admin-gateway': [],
  [MIGRATE_JOB]: ['postgres', 'clickhouse'],
};
/** The apps that call tenants' URLs (fulfillment_url, webhook endpoints: apps/order-fulfillment/src/outbound). */
export const CALLS_THE_INTERNET = ['order-fulfillment'];

export const names = (objects: K8sObject[]) => objects.map((o) => o.metadata.name).sort();
export const workloads = (objects: K8sObject[]) => [...objectsOf(objects, 'Deployment'), ...objectsOf(objects, 'Job')];
export const podLabels = (workload: K8sObject): Record<string, string> => workload.spec.template.metadata.labels;
