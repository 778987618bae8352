// The image's HEALTHCHECK (Dockerfile): GET /health/live on the app's operations port, found as
// the app finds it, so a plain `docker run` needs no setting. HEALTH_PORT overrides it.
// The defaults are those of the apps' configs (each app's packaging test checks them).
const PORTS = {
  'query-gateway': ['QUERY_GATEWAY_OPS_PORT', '3100'],
  'admin-gateway': ['ADMIN_GATEWAY_OPS_PORT', '3101'],
  'rewards-catalog': ['REWARDS_CATALOG_HTTP_PORT', '3010'],
  'order-fulfillment': ['ORDER_FULFILLMENT_HTTP_PORT', '3020'],
  'grants-analytics': ['GRANTS_ANALYTICS_HTTP_PORT', '3030'],
};

/** The port to probe for the app named by env.APP; undefined for an unknown app. */
function healthPort(env) {
  const [variable, fallback] = PORTS[env.APP ?? ''] ?? [];
  return env.HEALTH_PORT || (variable && env[variable]) || fallback;
}

if (require.main === module) {
  const port = healthPort(process.env);
  if (!port) {
    console.error(`healthcheck: APP is ${JSON.stringify(process.env.APP ?? '')}, not one of ${Object.keys(PORTS).join(', ')}`);
    process.exit(2);
  }
  fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(2_500) }).then(
    (response) => process.exit(response.ok ? 0 : 1),
    () => process.exit(1),
  );
}

module.exports = { healthPort };
