import { TaskStatus } from '../../core/api/models';

/** What is asked for when checking whether compared tasks changed: nothing but their change marks. */
export const CHANGE_FIELDS = ['id', 'status', 'last_update', 'last_change'];

/** Default time between two checks, and the shortest one a `refresh` option may ask for. */
export const DEFAULT_REFRESH_SECONDS = 10;
export const MIN_REFRESH_SECONDS = 0.5;

/** The change marks of a task (a subset of a task as `tasks.get_all_ex` returns it). */
export interface TaskChangeMarks {
  id: string;
  status?: TaskStatus | string;
  last_update?: string | null;
  last_change?: string | null;
}

/** A task that may still report data: its comparison is refreshed while one is. */
export function isRunning(status: string | null | undefined): boolean {
  return status === 'queued' || status === 'in_progress';
}

/** One string that changes whenever any task's status, last update or last change does (order-independent). */
export function changeStamp(tasks: readonly TaskChangeMarks[]): string {
  return tasks
    .map((t) => `${t.id}|${t.status ?? ''}|${t.last_update ?? ''}|${t.last_change ?? ''}`)
    .sort()
    .join(';');
}

/** The check interval in milliseconds from the `refresh` view option (seconds; default 10 s). */
export function refreshIntervalMs(option: string | null): number {
  const seconds = option === null ? NaN : Number(option);
  if (!Number.isFinite(seconds)) return DEFAULT_REFRESH_SECONDS * 1000;
  return Math.round(Math.max(MIN_REFRESH_SECONDS, Math.min(3600, seconds)) * 1000);
}

export interface LivePoll {
  ids: string[];
  intervalMs: number;
}

/** What to poll, or null when nothing should be: auto-refresh off, no task running, or no valid comparison. */
export function livePoll(
  ids: readonly string[],
  statuses: readonly (string | null | undefined)[],
  enabled: boolean,
  intervalMs: number,
  maxTasks: number,
): LivePoll | null {
  if (!enabled || !ids.length || ids.length > maxTasks || !statuses.some(isRunning)) return null;
  return { ids: [...ids], intervalMs };
}
