interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The sum of the samples of one metric whose labels include the given ones (0 when none). */
export type MetricReader = (name: string, labels?: Record<string, string>) => number;

/** Reads an app's Prometheus `/metrics` page once, as a scraper would. */
export async function scrapeMetrics(baseUrl: string): Promise<MetricReader> {
  const response = await fetch(`${baseUrl}/metrics`);
  if (!response.ok) throw new Error(`${baseUrl}/metrics answered ${response.status}`);
  const samples = (await response.text()).split('\n').flatMap(parseSample);
  return (name, labels = {}) =>
    samples
      .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
      .reduce((sum, sample) => sum + sample.value, 0);
}

function parseSample(line: string): Sample[] {
  const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
  if (!match) return [];
  const pairs = [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)];
  return [{ name: match[1]!, labels: Object.fromEntries(pairs.map((pair) => [pair[1]!, pair[2]!])), value: Number(match[3]) }];
}
