/**
 * Whether this process exports spans, and where to, from the standard OpenTelemetry variables
 * (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/). Pure and
 * dependency-free: the instrumentation entry (instrument.ts) reads it before anything else loads.
 *
 * - `OTEL_SDK_DISABLED=true`, or `none` in `OTEL_TRACES_EXPORTER`: nothing is exported.
 * - `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is the traces URL as given; else
 *   `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`.
 * - With neither endpoint, spans are exported only when `OTEL_TRACES_EXPORTER` asks for `otlp`
 *   explicitly (then to the specification's default, http://localhost:4318/v1/traces). An unset
 *   exporter with no endpoint means no export: an app started without a collector sends nothing.
 */
export interface TraceSettings {
  /** Spans are recorded and exported (and the library instrumentations are loaded). */
  exporting: boolean;
  /** The OTLP/HTTP traces URL, when exporting. */
  tracesUrl?: string;
  /** `OTEL_TRACES_SAMPLER` and its `OTEL_TRACES_SAMPLER_ARG` (default: parent-based, always on). */
  sampler: SamplerSettings;
}

/** The samplers of the specification that make sense without a sampling service. */
export const TRACE_SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const;
export type TraceSamplerName = (typeof TRACE_SAMPLERS)[number];

export interface SamplerSettings {
  name: TraceSamplerName;
  /** The share of root traces kept by a `traceidratio` sampler, 0 to 1. */
  ratio: number;
}

type Env = Record<string, string | undefined>;

const DEFAULT_OTLP_ENDPOINT = 'http://localhost:4318';

export function traceSettings(env: Env): TraceSettings {
  const sampler = samplerOf(env);
  if (isTrue(env['OTEL_SDK_DISABLED'])) return { exporting: false, sampler };
  const exporters = (env['OTEL_TRACES_EXPORTER'] ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  if (exporters.includes('none')) return { exporting: false, sampler };
  const tracesEndpoint = nonEmpty(env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']);
  if (tracesEndpoint) return { exporting: true, tracesUrl: tracesEndpoint, sampler };
  const base = nonEmpty(env['OTEL_EXPORTER_OTLP_ENDPOINT']) ?? (exporters.includes('otlp') ? DEFAULT_OTLP_ENDPOINT : undefined);
  return base ? { exporting: true, tracesUrl: `${base.replace(/\/+$/, '')}/v1/traces`, sampler } : { exporting: false, sampler };
}

/** An unknown sampler name or a ratio outside 0..1 is refused by the config schema before this is used. */
function samplerOf(env: Env): SamplerSettings {
  const given = nonEmpty(env['OTEL_TRACES_SAMPLER'])?.toLowerCase();
  const name = (TRACE_SAMPLERS as readonly string[]).includes(given ?? '') ? (given as TraceSamplerName) : 'parentbased_always_on';
  const ratio = Number(nonEmpty(env['OTEL_TRACES_SAMPLER_ARG']) ?? '1');
  return { name, ratio: Number.isFinite(ratio) ? Math.min(1, Math.max(0, ratio)) : 1 };
}

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
