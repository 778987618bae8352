import { context } from '@opentelemetry/api';
import { TracingDeserializer, TracingSerializer, withCarrier } from '../rpc/rpc-tracing';
import { SpanKind, annotate, beginWork, currentCarrier, currentLogBindings, inSpan, initTracing } from './tracing';
import { traceSettings } from './trace-settings';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = `00-${TRACE}-00f067aa0ba902b7-01`;

describe('tracing', () => {
  beforeAll(() => {
    initTracing({ serviceName: 'test', settings: traceSettings({}) });
  });

  it('continues the caller’s trace and carries it on, with the request id', async () => {
    const unit = beginWork('HTTP GET', SpanKind.SERVER, { traceparent: PARENT }, { request_id: 'r-1', tenant_id: 't1' });
    const carrier = context.with(unit.context, () => currentCarrier());
    expect(carrier['traceparent']).toMatch(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-01$`));
    expect(carrier['traceparent']).not.toBe(PARENT); // our span is the parent now
    expect(carrier['x-request-id']).toBe('r-1');
    unit.span.end();
  });

  it('starts a new trace without a caller, and logs nothing outside a unit of work', async () => {
    expect(currentLogBindings()).toEqual({});
    expect(currentCarrier()).toEqual({});
    const ids = await Promise.all([1, 2].map(() => inSpan('work', SpanKind.INTERNAL, {}, {}, async () => currentLogBindings()['trace_id'])));
    expect(ids[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('log bindings follow the unit of work across awaits, with annotations added on the way', async () => {
    const bindings = await inSpan('rpc orders.purchase', SpanKind.SERVER, { traceparent: PARENT, 'x-request-id': 'r-2' }, { tenant_id: 't1' }, async () => {
      await new Promise((r) => setTimeout(r, 5));
      annotate({ order_id: 'o-1', user_id: undefined });
      await Promise.resolve();
      return currentLogBindings();
    });
    expect(bindings).toEqual({ trace_id: TRACE, span_id: expect.stringMatching(/^[0-9a-f]{16}$/), request_id: 'r-2', tenant_id: 't1', order_id: 'o-1' });
  });

  it('an RPC packet carries the trace outside its payload, and the server gets it back', () => {
    const payload = withCarrier({ tenant_id: 't1' }, { traceparent: PARENT });
    expect(JSON.parse(JSON.stringify(payload))).toEqual({ tenant_id: 't1' });
    const wire = JSON.parse(JSON.stringify(new TracingSerializer().serialize({ pattern: 'orders.get', data: payload, id: '1' })));
    expect(wire).toEqual({ pattern: 'orders.get', data: { tenant_id: 't1' }, id: '1', trace: { traceparent: PARENT } });
    const received = new TracingDeserializer().deserialize(wire);
    expect(received).toEqual({ pattern: 'orders.get', data: { tenant_id: 't1' }, id: '1' });
    const unit = beginWork('rpc', SpanKind.SERVER, (received.data as Record<symbol, Record<string, string>>)[Object.getOwnPropertySymbols(received.data)[0]!], {});
    expect(unit.span.spanContext().traceId).toBe(TRACE);
    unit.span.end();
  });

  it('without an exporter records nothing, and keeps the sampler’s flags: an unsampled caller stays unsampled', () => {
    const root = beginWork('HTTP GET', SpanKind.SERVER, {}, {});
    expect(root.span.isRecording()).toBe(false);
    expect(context.with(root.context, () => currentCarrier())['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const unsampled = beginWork('HTTP GET', SpanKind.SERVER, { traceparent: `00-${TRACE}-00f067aa0ba902b7-00` }, {});
    expect(context.with(unsampled.context, () => currentCarrier())['traceparent']).toMatch(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-00$`));
  });
});
