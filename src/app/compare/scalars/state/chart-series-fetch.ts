import { Observable, forkJoin, map, of } from 'rxjs';
import { EventsApi, ScalarHistogram } from '../../../core/api/events-api';
import { ChartRequest, SERIES_SAMPLES } from './scalars.actions';

/** Tasks that can share one request: their time windows (epoch ms) and the window that covers them. */
export interface WindowGroup {
  taskIds: string[];
  window: [number, number];
}

/**
 * A relative-time zoom is a window in seconds from each task's own start, so each task has its own
 * wall-clock window. Tasks whose windows lie close together (covered by at most twice one window,
 * e.g. a sweep started at once) share one request; a task far from the others gets its own.
 */
export function relativeWindowGroups(
  taskIds: readonly string[],
  origins: Record<string, number>,
  [from, to]: [number, number],
): WindowGroup[] {
  const span = Math.max(1, (to - from) * 1000);
  const windows = taskIds
    .filter((id) => Number.isFinite(origins[id]))
    .map((id) => ({ id, start: origins[id] + from * 1000 }))
    .sort((a, b) => a.start - b.start);
  const groups: WindowGroup[] = [];
  for (const { id, start } of windows) {
    const last = groups[groups.length - 1];
    if (last && start + span - last.window[0] <= 2 * span) {
      last.taskIds.push(id);
      last.window[1] = start + span;
    } else {
      groups.push({ taskIds: [id], window: [start, start + span] });
    }
  }
  return groups;
}

/** Merges per-task answers (`{metric: {variant: {task: series}}}`) into one histogram. */
export function mergeHistograms(parts: readonly ScalarHistogram[]): ScalarHistogram {
  const out: ScalarHistogram = {};
  for (const part of parts) {
    for (const [metric, variants] of Object.entries(part ?? {})) {
      out[metric] ??= {};
      for (const [variant, tasks] of Object.entries(variants)) out[metric][variant] = { ...out[metric][variant], ...tasks };
    }
  }
  return out;
}

/** One chart's series: one histogram call, or (relative-time zoom) one per group of task windows. */
export function fetchChartSeries(eventsApi: EventsApi, request: ChartRequest, taskIds: string[]): Observable<ScalarHistogram> {
  const base = { metrics: request.metrics, key: request.key, samples: SERIES_SAMPLES, ...(request.envelope ? { envelope: true } : {}) };
  if (!request.origins || !request.range) {
    return eventsApi
      .scalarHistogram({ ...base, tasks: taskIds, ...(request.range ? { x_range: request.range } : {}) })
      .pipe(map(({ metrics }) => metrics ?? {}));
  }
  const groups = relativeWindowGroups(taskIds, request.origins, request.range);
  if (!groups.length) return of({});
  return forkJoin(groups.map((g) => eventsApi.scalarHistogram({ ...base, tasks: g.taskIds, x_range: g.window }))).pipe(
    map((answers) => mergeHistograms(answers.map((a) => a.metrics ?? {}))),
  );
}
