/**
 * A metric/variant row or chart is named in the URL as `metric:variant` with both parts
 * URI-encoded (so ':' and ',' inside names stay unambiguous); a list is comma-separated.
 */
export interface MetricVariant {
  metric: string;
  variant: string;
}

export function metricKey({ metric, variant }: MetricVariant): string {
  return `${encodeURIComponent(metric)}:${encodeURIComponent(variant)}`;
}

/** Whether a metric/variant matches the metric filter's search text (case-insensitive, on "metric / variant"). */
export function metricMatches({ metric, variant }: MetricVariant, search: string): boolean {
  const needle = search.trim().toLowerCase();
  return !needle || `${metric} / ${variant}`.toLowerCase().includes(needle);
}

export function formatKeyList(keys: readonly string[]): string {
  return keys.join(',');
}

export function parseKeyList(value: string | null): string[] | null {
  if (value === null) return null;
  return value.split(',').filter((key) => key.includes(':'));
}

export function parseMetricKey(key: string): MetricVariant {
  const [metric, variant] = key.split(':');
  return { metric: safeDecode(metric ?? ''), variant: safeDecode(variant ?? '') };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
