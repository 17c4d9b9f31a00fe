import { MAX_TASKS_PER_CALL, tooManyTasks, unknownTasks } from '../../api-error';
import type { Repositories } from '../../db/repositories';

/** Refuses more than 100 tasks (1001) and unknown task ids (101); returns the ids without repeats. */
export function requireTasks(repos: Repositories, ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length > MAX_TASKS_PER_CALL) throw tooManyTasks(unique.length);
  const missing = repos.tasks.missing(unique);
  if (missing.length) throw unknownTasks(missing);
  return unique;
}

export function requireTask(repos: Repositories, id: string): string {
  if (!repos.tasks.exists(id)) throw unknownTasks([id]);
  return id;
}
