import { isOperationsPath } from './instrumentations';
import { traceSettings } from './trace-settings';

describe('traceSettings (the OTEL_* variables)', () => {
  const sampler = { name: 'parentbased_always_on', ratio: 1 };

  it('exports nothing without an endpoint, to <endpoint>/v1/traces with one', () => {
    expect(traceSettings({})).toEqual({ exporting: false, sampler });
    expect(traceSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toEqual({ exporting: true, tracesUrl: 'http://collector:4318/v1/traces', sampler });
    expect(traceSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' })).toEqual({ exporting: false, sampler });
  });

  it('takes the traces endpoint as given, before the base endpoint', () => {
    expect(traceSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:9999/custom' })).toMatchObject({
      exporting: true,
      tracesUrl: 'http://b:9999/custom',
    });
  });

  it('an explicit otlp exporter without an endpoint goes to the specification’s default', () => {
    expect(traceSettings({ OTEL_TRACES_EXPORTER: 'otlp' })).toMatchObject({ exporting: true, tracesUrl: 'http://localhost:4318/v1/traces' });
  });

  it('OTEL_SDK_DISABLED and the none exporter turn export off whatever else is set', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(traceSettings({ ...endpoint, OTEL_SDK_DISABLED: 'true' }).exporting).toBe(false);
    expect(traceSettings({ ...endpoint, OTEL_SDK_DISABLED: 'TRUE' }).exporting).toBe(false);
    expect(traceSettings({ ...endpoint, OTEL_SDK_DISABLED: 'false' }).exporting).toBe(true);
    expect(traceSettings({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' }).exporting).toBe(false);
    expect(traceSettings({ ...endpoint, OTEL_TRACES_EXPORTER: 'otlp, none' }).exporting).toBe(false);
  });

  it('reads the sampler and its ratio, bounded to 0..1', () => {
    expect(traceSettings({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }).sampler).toEqual({ name: 'parentbased_traceidratio', ratio: 0.25 });
    expect(traceSettings({ OTEL_TRACES_SAMPLER: 'ALWAYS_OFF' }).sampler).toEqual({ name: 'always_off', ratio: 1 });
    expect(traceSettings({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '7' }).sampler.ratio).toBe(1);
    expect(traceSettings({ OTEL_TRACES_SAMPLER: 'jaeger_remote' }).sampler.name).toBe('parentbased_always_on');
  });
});

describe('isOperationsPath (requests the http instrumentation leaves out)', () => {
  it('probes and scrapes, with or without a query', () => {
    for (const path of ['/metrics', '/health', '/health/ready', '/health/live?x=1']) expect(isOperationsPath(path)).toBe(true);
    for (const path of ['/v1/rewards/catalog', '/healthy', '/metrics2', undefined]) expect(isOperationsPath(path)).toBe(false);
  });
});
