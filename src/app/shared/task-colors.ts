/**
 * A task's colour: a stable function of its id, so a task looks the same on every tab, chart and
 * reload. Twenty well-separated hues; the id's hash picks one.
 */
export const TASK_PALETTE: readonly string[] = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f',
  '#3b5bdb', '#f08c00', '#0ca678', '#c2255c', '#7048e8', '#a0522d', '#d6336c', '#1098ad', '#74b816', '#495057',
];

export function taskColor(taskId: string): string {
  let hash = 2166136261;
  for (let i = 0; i < taskId.length; i++) {
    hash ^= taskId.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return TASK_PALETTE[(hash >>> 0) % TASK_PALETTE.length];
}

/**
 * Names that tell tasks apart: a task whose name another compared task shares gets a short id
 * suffix ("resnet · 3fa8c").
 */
export function displayNames(tasks: readonly { id: string; name: string }[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const task of tasks) counts.set(task.name, (counts.get(task.name) ?? 0) + 1);
  return new Map(
    tasks.map((task) => [task.id, (counts.get(task.name) ?? 0) > 1 ? `${task.name} · ${task.id.slice(0, 5)}` : task.name]),
  );
}
