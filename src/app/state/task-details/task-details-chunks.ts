/**
 * What the side-by-side views read of a task, in two parts. The fields below are small and come
 * in one request for all compared tasks, so the cards show at once; the long texts (uncommitted
 * changes, requirements, setup script, configuration objects, often 10,000 lines each) come after,
 * in chunks, and only where the Details tab shows them. References (project, user, parent, queue)
 * are named through dotted fields (`project.name`): asked for whole, clearml-server gives their id
 * only. `models` items name their model by id (Details reads the models from `models.get_all_ex`).
 */
export const DETAIL_FIELDS = [
  'id',
  'name',
  'status',
  'status_message',
  'status_reason',
  'type',
  'user.name',
  'parent.name',
  'tags',
  'created',
  'started',
  'completed',
  'last_update',
  'active_duration',
  'last_iteration',
  'last_worker',
  'project.name',
  'runtime',
  'execution.queue.name',
  'execution.artifacts',
  'script.repository',
  'script.branch',
  'script.version_num',
  'script.tag',
  'script.entry_point',
  'script.working_dir',
  'script.binary',
  'container.image',
  'container.arguments',
  'models',
  'hyperparams',
];
export const TEXT_FIELDS = ['script.diff', 'script.requirements', 'container.setup_shell_script', 'configuration'];

/**
 * Tasks asked for per request of long texts, and requests in flight at once: each answer is parsed
 * in a short task on the page's thread and the server prepares the next chunk meanwhile.
 */
export const DETAILS_CHUNK = 5;
export const DETAILS_REQUESTS_IN_FLIGHT = 3;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
