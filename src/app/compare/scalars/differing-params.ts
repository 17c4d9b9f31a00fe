import { Task } from '../../core/api/models';

const MAX_PARAMS = 4;
const MAX_VALUE_LENGTH = 24;

/**
 * For each task, the hyperparameters whose values differ between the compared tasks, as short
 * text for legends and hover (`lr=0.01, batch_size=64`). A parameter is named by its name alone
 * unless two sections share that name. At most four parameters; long values are cut.
 */
export function differingParams(tasks: readonly Task[]): Map<string, string> {
  const keys = new Map<string, { section: string; name: string }>();
  for (const task of tasks) {
    for (const [section, params] of Object.entries(task.hyperparams ?? {})) {
      for (const name of Object.keys(params ?? {})) keys.set(`${section}\u0000${name}`, { section, name });
    }
  }
  const valueOf = (task: Task, section: string, name: string) => task.hyperparams?.[section]?.[name]?.value ?? '';
  const differing = [...keys.values()]
    .filter(({ section, name }) => new Set(tasks.map((t) => valueOf(t, section, name))).size > 1)
    .sort((a, b) => a.section.localeCompare(b.section) || a.name.localeCompare(b.name));
  const nameCounts = new Map<string, number>();
  for (const { name } of differing) nameCounts.set(name, (nameCounts.get(name) ?? 0) + 1);
  const shown = differing.slice(0, MAX_PARAMS);
  return new Map(
    tasks.map((task) => [
      task.id,
      shown
        .map(({ section, name }) => {
          const label = (nameCounts.get(name) ?? 0) > 1 ? `${section}/${name}` : name;
          const value = valueOf(task, section, name);
          return `${label}=${value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH - 1)}…` : value || '–'}`;
        })
        .join(', '),
    ]),
  );
}
