import { HyperParam, LastMetricValue, Task } from '../../../core/api/models';
import { mean, std } from '../../../core/stats/stats';
import { isSeedLike } from '../../../state/groups/groups';
import { MetricPick, listMetrics, listParams, metricId, metricValue, paramValue } from './hyperparameters-data';
import { HyperparameterTask } from './hyperparameters-tasks';

/** A group of compared tasks as the Hyperparameters charts draw it. */
export interface HyperparameterGroupInput {
  key: string;
  name: string;
  taskIds: readonly string[];
  isBase: boolean;
  color: string;
}

/** One spread of a metric over a group's tasks that reported it. */
export interface GroupSpread {
  std: number;
  n: number;
}

/**
 * A group drawn as one task: its parameters are the members' common values (numeric values that
 * differ: their mean; seed-like ones that differ: none; other text that differs: the distinct
 * values joined by ` | `), its LAST / MIN / MAX the members' means, with the spread of each.
 */
export interface GroupedHyperparameterTask extends HyperparameterTask {
  members: readonly HyperparameterTask[];
  /** By `metricId` of a metric with its value type. */
  spread: ReadonlyMap<string, GroupSpread>;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A short stable id for a group key (group keys hold any character; chart ids go into URL lists). */
export function groupChartId(key: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `group-${hash.toString(16).padStart(8, '0')}`;
}

function groupValue(name: string, values: (string | null)[]): string | null {
  const distinct = [...new Set(values)];
  if (distinct.length === 1) return distinct[0];
  if (isSeedLike(name)) return null;
  const present = values.filter((v): v is string => v !== null);
  if (present.length === values.length && present.every((v) => NUMBER.test(v.trim()))) return String(mean(present.map(Number)));
  return distinct.map((v) => v ?? '–').join(' | ');
}

function groupTask(group: HyperparameterGroupInput, members: HyperparameterTask[]): GroupedHyperparameterTask {
  const fulls = members.map((m) => m.full);
  const hyperparams: Record<string, Record<string, HyperParam>> = {};
  for (const param of listParams(fulls)) {
    const value = groupValue(
      param.name,
      fulls.map((t) => paramValue(t, param)),
    );
    if (value === null) continue;
    (hyperparams[param.section] ??= {})[param.name] = { section: param.section, name: param.name, value };
  }
  const lastMetrics: Record<string, Record<string, LastMetricValue>> = {};
  const spread = new Map<string, GroupSpread>();
  listMetrics(fulls).forEach((metric, index) => {
    const entry: LastMetricValue = { metric: metric.metric, variant: metric.variant };
    for (const type of ['last', 'min', 'max'] as const) {
      const pick: MetricPick = { ...metric, type };
      const values = fulls.map((t) => metricValue(t, pick)).filter((v): v is number => v !== null);
      if (!values.length) continue;
      const field = type === 'last' ? 'value' : type === 'min' ? 'min_value' : 'max_value';
      entry[field] = mean(values);
      spread.set(metricId(pick), { std: values.length > 1 ? std(values) : NaN, n: values.length });
    }
    lastMetrics[`m${index}`] = { v: entry };
  });
  const id = groupChartId(group.key);
  const full: Task = {
    id,
    name: group.name,
    status: members[0].full.status,
    type: members[0].full.type,
    hyperparams,
    last_metrics: lastMetrics,
  };
  return {
    id,
    isBase: group.isBase,
    color: group.color,
    displayName: `${group.name} (n=${members.length})`,
    task: null,
    full,
    members,
    spread,
  };
}

/** The groups as tasks, in the groups' order; a group none of whose tasks is loaded is left out. */
export function groupHyperparameterTasks(
  tasks: readonly HyperparameterTask[],
  groups: readonly HyperparameterGroupInput[],
): GroupedHyperparameterTask[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  return groups.flatMap((group) => {
    const members = group.taskIds.flatMap((id) => byId.get(id) ?? []);
    return members.length ? [groupTask(group, members)] : [];
  });
}
