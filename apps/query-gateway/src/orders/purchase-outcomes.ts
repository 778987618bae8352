import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Metrics } from '@phoenix/platform';

/** Both path styles of the purchase route, as Fastify names them. */
const PURCHASE_ROUTE = /\/purchase\/:slug$/;

/**
 * `purchases_total{status}`: every purchase answered, by HTTP status (200 new or replayed,
 * 400 invalid, 402 insufficient balance, 409 out of stock or key reuse, 5xx failures).
 */
export function countPurchaseOutcomes(app: NestFastifyApplication): void {
  const outcomes = app.get(Metrics).counter('purchases_total', 'Purchases answered, by HTTP status', ['status']);
  app.getHttpAdapter().getInstance().addHook('onResponse', (request, reply, done) => {
    if (request.method === 'POST' && PURCHASE_ROUTE.test(request.routeOptions.url ?? '')) outcomes.inc({ status: String(reply.statusCode) });
    done();
  });
}
