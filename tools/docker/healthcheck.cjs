// The image's HEALTHCHECK (Dockerfile): GET /health/live on the app's own HTTP port, found as
// the app finds it, so a plain `docker run` needs no setting. HEALTH_PORT overrides it.
// The defaults are those of the configuration table in README.md.
const PORTS = {
  'query-gateway': ['QUERY_GATEWAY_PORT', '3000'],
  'admin-gateway': ['ADMIN_GATEWAY_PORT', '3001'],
  'rewards-catalog': ['REWARDS_CATALOG_HTTP_PORT', '3010'],
  'order-fulfillment': ['ORDER_FULFILLMENT_HTTP_PORT', '3020'],
  'grants-analytics': ['GRANTS_ANALYTICS_HTTP_PORT', '3030'],
};

const app = process.env.APP ?? '';
const [variable, fallback] = PORTS[app] ?? [];
const port = process.env.HEALTH_PORT || (variable && process.env[variable]) || fallback;
if (!port) {
  console.error(`healthcheck: APP is ${JSON.stringify(app)}, not one of ${Object.keys(PORTS).join(', ')}`);
  process.exit(2);
}
fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(2_500) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
