import { MetricVariants, ScalarHistogram, SingleValueMetrics } from '../../core/api/events-api';
import { metricKey } from './metric-keys';

/**
 * Single values (the SDK's `report_single_value`, stored at iteration -2^31) are listed by
 * `events.get_multi_task_metrics` with the other scalar series, but the iteration histograms leave
 * them out, as clearml-server does: a series holding only single values has nothing to draw as a
 * line, and the Summary chart shows it. These helpers keep such series out of the graph's charts.
 */

/** The metric/variant keys the tasks reported as single values. */
export function singleValueKeys(summary: SingleValueMetrics | null): Set<string> {
  const keys = new Set<string>();
  for (const task of summary?.tasks ?? []) for (const value of task.values) keys.add(metricKey(value));
  return keys;
}

/** The listed series that are also single values (they may hold iterations as well: the histogram says). */
export function singleValueSuspects(metrics: readonly MetricVariants[], singles: ReadonlySet<string>): MetricVariants[] {
  const suspects: MetricVariants[] = [];
  for (const { metric, variants } of metrics) {
    const matching = variants.filter((variant) => singles.has(metricKey({ metric, variant })));
    if (matching.length) suspects.push({ metric, variants: matching });
  }
  return suspects;
}

/** The keys of series with at least one point in a histogram answer. */
export function keysWithPoints(histogram: ScalarHistogram): Set<string> {
  const keys = new Set<string>();
  for (const [metric, variants] of Object.entries(histogram)) {
    for (const [variant, tasks] of Object.entries(variants)) {
      if (Object.values(tasks).some((series) => (series?.x?.length ?? 0) > 0)) keys.add(metricKey({ metric, variant }));
    }
  }
  return keys;
}

/** The series list without the single values, except those that also hold points over iterations (`drawable`). */
export function withoutSingleValues(
  metrics: readonly MetricVariants[],
  singles: ReadonlySet<string>,
  drawable: ReadonlySet<string> = new Set(),
): MetricVariants[] {
  const out: MetricVariants[] = [];
  for (const { metric, variants } of metrics) {
    const kept = variants.filter((variant) => {
      const key = metricKey({ metric, variant });
      return !singles.has(key) || drawable.has(key);
    });
    if (kept.length) out.push({ metric, variants: kept });
  }
  return out;
}
