import { Task } from '../../../core/api/models';
import { naturalCompare } from '../../../shared/natural-order';

/** Which summary of a metric/variant an axis shows. */
export type ValueType = 'last' | 'min' | 'max';
export const VALUE_TYPES: readonly ValueType[] = ['last', 'min', 'max'];

export interface MetricPick {
  metric: string;
  variant: string;
  type: ValueType;
}

export interface ParamRef {
  section: string;
  name: string;
}

export interface ParamChoice extends ParamRef {
  /** Whether the compared tasks hold different values (a missing value counts as a value). */
  differs: boolean;
}

export interface MetricChoice {
  metric: string;
  variant: string;
}

/** A stable identity for a parameter (section and name may hold any character). */
export const paramId = (p: ParamRef): string => `${p.section}\u0000${p.name}`;
export const metricId = (m: { metric: string; variant: string; type?: ValueType }): string =>
  `${m.metric}\u0000${m.variant}${m.type ? `\u0000${m.type}` : ''}`;
export const paramLabel = (p: ParamRef): string => `${p.section}/${p.name}`;
export const metricLabel = (m: MetricPick): string => `${m.metric}/${m.variant} ${m.type.toUpperCase()}`;

/** The parameter's value as text, or null when the task does not have it. */
export function paramValue(task: Task, p: ParamRef): string | null {
  const value = task.hyperparams?.[p.section]?.[p.name]?.value;
  return value === undefined || value === null ? null : String(value);
}

/** LAST / MIN / MAX of a metric/variant from `last_metrics` (keys there are opaque hashes), or null. */
export function metricValue(task: Task, m: MetricPick): number | null {
  for (const variants of Object.values(task.last_metrics ?? {})) {
    for (const entry of Object.values(variants ?? {})) {
      if (entry?.metric !== m.metric || entry.variant !== m.variant) continue;
      const value = m.type === 'last' ? entry.value : m.type === 'min' ? entry.min_value : entry.max_value;
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    }
  }
  return null;
}

/** Every hyperparameter of the tasks, sorted by section and name, flagged when values differ. */
export function listParams(tasks: readonly Task[]): ParamChoice[] {
  const refs = new Map<string, ParamRef>();
  for (const task of tasks) {
    for (const [section, params] of Object.entries(task.hyperparams ?? {})) {
      for (const name of Object.keys(params ?? {})) refs.set(paramId({ section, name }), { section, name });
    }
  }
  return [...refs.values()]
    .sort((a, b) => naturalCompare(a.section, b.section) || naturalCompare(a.name, b.name))
    .map((ref) => ({ ...ref, differs: new Set(tasks.map((t) => paramValue(t, ref))).size > 1 }));
}

/** Every metric/variant in the tasks' `last_metrics`, sorted. */
export function listMetrics(tasks: readonly Task[]): MetricChoice[] {
  const found = new Map<string, MetricChoice>();
  for (const task of tasks) {
    for (const variants of Object.values(task.last_metrics ?? {})) {
      for (const entry of Object.values(variants ?? {})) {
        if (entry && typeof entry.metric === 'string' && typeof entry.variant === 'string') {
          found.set(metricId(entry), { metric: entry.metric, variant: entry.variant });
        }
      }
    }
  }
  return [...found.values()].sort((a, b) => naturalCompare(a.metric, b.metric) || naturalCompare(a.variant, b.variant));
}

/** The default metric: accuracy/val when the tasks report it, else the first one. */
export function defaultMetric(metrics: readonly MetricChoice[]): MetricPick | null {
  const preferred =
    metrics.find((m) => m.metric === 'accuracy' && m.variant === 'val') ?? metrics.find((m) => !m.metric.startsWith(':')) ?? metrics[0];
  return preferred ? { ...preferred, type: 'last' } : null;
}

/** Parameters grouped by section for a picker, filtered by a search text and by "hide identical". */
export function groupParams(
  params: readonly ParamChoice[],
  search: string,
  hideIdentical: boolean,
  keep: ReadonlySet<string>,
): { section: string; params: ParamChoice[] }[] {
  const needle = search.trim().toLowerCase();
  const groups = new Map<string, ParamChoice[]>();
  for (const p of params) {
    if (hideIdentical && !p.differs && !keep.has(paramId(p))) continue;
    if (needle && !paramLabel(p).toLowerCase().includes(needle)) continue;
    groups.set(p.section, [...(groups.get(p.section) ?? []), p]);
  }
  return [...groups].map(([section, list]) => ({ section, params: list }));
}
