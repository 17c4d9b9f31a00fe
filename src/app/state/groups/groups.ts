import { HyperParam } from '../../core/api/models';
import { GroupMode } from './group-options';
import { naturalCompare } from '../../shared/natural-order';

/** A task as grouping reads it: its id and hyperparameters by section and name. */
export interface GroupedTaskInput {
  id: string;
  hyperparams?: Record<string, Record<string, HyperParam>> | null;
}

export interface GroupSpec {
  mode: GroupMode;
  /** `params` mode: the parameters (`section/name`) grouped by, in this order. */
  params: readonly string[];
  /** `all` mode: parameters left out besides the seed-like ones. */
  ignored: readonly string[];
}

/** A hyperparameter by section and name; `id` is `section/name`, `label` the name alone unless two sections share it. */
export interface GroupParam {
  id: string;
  section: string;
  name: string;
  label: string;
}

/** Tasks whose grouping parameters have equal values. */
export interface TaskGroup {
  /** Stable key of the group's values (for tracking and the URL of a later view). */
  key: string;
  /** The values that tell the group apart: `lr=0.03, optimizer=sgd` (`all tasks` when there is one group). */
  name: string;
  /** Its tasks' ids in comparison order. */
  taskIds: string[];
  /** The base task's group (the first compared task is the base). */
  isBase: boolean;
}

/** `seed`, `*_seed`, `random_state` (any case): parameters that only repeat a run. */
export function isSeedLike(name: string): boolean {
  return /^(.*_)?seed$|^random_state$/i.test(name.trim());
}

const valueOf = (task: GroupedTaskInput, param: GroupParam) => task.hyperparams?.[param.section]?.[param.name]?.value ?? '';

/** Every hyperparameter any task has, sorted by id, labelled by name (section-qualified when names clash). */
export function allGroupParams(tasks: readonly GroupedTaskInput[]): GroupParam[] {
  const keys = new Map<string, { section: string; name: string }>();
  for (const task of tasks) {
    for (const [section, params] of Object.entries(task.hyperparams ?? {})) {
      for (const name of Object.keys(params ?? {})) keys.set(`${section}/${name}`, { section, name });
    }
  }
  const nameCounts = new Map<string, number>();
  for (const { name } of keys.values()) nameCounts.set(name, (nameCounts.get(name) ?? 0) + 1);
  return [...keys.entries()]
    .map(([id, { section, name }]) => ({ id, section, name, label: (nameCounts.get(name) ?? 0) > 1 ? id : name }))
    .sort((a, b) => naturalCompare(a.id, b.id));
}

/** The parameters whose values differ between the tasks (a missing value counts as one), sorted by id. */
export function differingGroupParams(tasks: readonly GroupedTaskInput[]): GroupParam[] {
  return allGroupParams(tasks).filter((param) => new Set(tasks.map((task) => valueOf(task, param))).size > 1);
}

/** The parameters a spec groups by, among those the tasks have (a chosen parameter no task has is left out). */
export function groupingParams(tasks: readonly GroupedTaskInput[], spec: GroupSpec): GroupParam[] {
  const all = allGroupParams(tasks);
  if (spec.mode === 'params') {
    const byId = new Map(all.map((param) => [param.id, param]));
    return spec.params.flatMap((id) => byId.get(id) ?? []);
  }
  if (spec.mode === 'all') return all.filter((param) => !isSeedLike(param.name) && !spec.ignored.includes(param.id));
  return [];
}

/**
 * The groups of `tasks` (comparison order, the base first) under `spec`, or null when the spec
 * groups nothing (`none`). Groups come in the order of their first task, so the base group is
 * first. A group is named by the grouping parameters whose values differ between groups (a missing
 * value reads `–`); with a single group, by the chosen values (`params`) or `all tasks`.
 */
export function groupTasks(tasks: readonly GroupedTaskInput[], spec: GroupSpec): TaskGroup[] | null {
  if (spec.mode === 'none') return null;
  const params = groupingParams(tasks, spec);
  const byKey = new Map<string, { values: string[]; taskIds: string[] }>();
  for (const task of tasks) {
    const values = params.map((param) => valueOf(task, param));
    const key = JSON.stringify(values);
    const group = byKey.get(key);
    if (group) group.taskIds.push(task.id);
    else byKey.set(key, { values, taskIds: [task.id] });
  }
  const groups = [...byKey.entries()];
  const telling = params
    .map((param, index) => ({ param, index }))
    .filter(({ index }) => groups.length === 1 || new Set(groups.map(([, g]) => g.values[index])).size > 1);
  return groups.map(([key, { values, taskIds }], order) => ({
    key,
    name:
      (groups.length > 1 || spec.mode === 'params') && telling.length
        ? telling.map(({ param, index }) => `${param.label}=${values[index] || '–'}`).join(', ')
        : 'all tasks',
    taskIds,
    isBase: order === 0,
  }));
}
