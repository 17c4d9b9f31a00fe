import { TASK_ID_PATTERN } from '../core/api/models';
import { formatSlots } from '../shared/task-colors';

/** The API refuses more tasks than this in one call, and so does the page. */
export const MAX_COMPARED_TASKS = 100;

export interface CompareTab {
  path: string;
  label: string;
  /** Views inside the tab, the first being the default when only the tab is named. */
  views: { path: string; label: string }[];
}

export const COMPARE_TABS: readonly CompareTab[] = [
  { path: 'details', label: 'Details', views: [] },
  {
    path: 'hyper-params',
    label: 'Hyperparameters',
    views: [
      { path: 'values', label: 'Values' },
      { path: 'graph', label: 'Parallel coordinates' },
      { path: 'scatter', label: 'Scatter plot' },
    ],
  },
  {
    path: 'scalars',
    label: 'Scalars',
    views: [
      { path: 'graph', label: 'Graph' },
      { path: 'values', label: 'Last values' },
      { path: 'min-values', label: 'Min values' },
      { path: 'max-values', label: 'Max values' },
    ],
  },
  { path: 'metrics-plots', label: 'Plots', views: [] },
  { path: 'debug-images', label: 'Debug samples', views: [] },
];

/** The ids of a comparison as written in the URL: ordered, the first being the base task. */
export interface ParsedIds {
  ids: string[];
  /** Entries that are not task ids (kept out of `ids`). */
  invalid: string[];
}

export function parseIds(raw: unknown): ParsedIds {
  const text = typeof raw === 'string' ? raw : '';
  const ids: string[] = [];
  const invalid: string[] = [];
  for (const part of text.split(',')) {
    const entry = part.trim().toLowerCase();
    if (!entry) continue;
    if (!TASK_ID_PATTERN.test(entry)) invalid.push(part.trim());
    else if (!ids.includes(entry)) ids.push(entry);
  }
  return { ids, invalid };
}

/** The first URL segment of the compare page, and of its embeddable single views (`/embed;ids=.../scalars`). */
export const COMPARE_ROOTS: readonly string[] = ['compare-tasks', 'embed'];

/** `compare-tasks` (or `embed`) view path (`scalars/graph`) from URL segments (`['compare-tasks', 'scalars', 'graph']`). */
export function compareViewFromSegments(segments: readonly string[]): string {
  return COMPARE_ROOTS.includes(segments[0]) ? segments.slice(1).join('/') : '';
}

/**
 * Router commands for a comparison of `ids` showing `view` (for example `details` or `scalars/graph`).
 * `slots`: the tasks' colour slots, written (`;slots=0,2`) only when they are not 0, 1, 2…
 */
export function compareUrlCommands(ids: readonly string[], view: string, slots: readonly number[] = []): unknown[] {
  const written = slots.length === ids.length ? formatSlots(slots) : null;
  return [
    '/compare-tasks',
    { ids: ids.join(','), ...(written ? { slots: written } : {}) },
    ...(view || 'details').split('/').filter(Boolean),
  ];
}

/** Moves `id` to the front: the new base task. */
export function withBaseTask(ids: readonly string[], id: string): string[] {
  return ids.includes(id) ? [id, ...ids.filter((other) => other !== id)] : [...ids];
}

/** Moves the task at `from` to position `to`. */
export function moveTask(ids: readonly string[], from: number, to: number): string[] {
  const next = [...ids];
  if (from < 0 || from >= next.length) return next;
  const [moved] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, moved);
  return next;
}

/** Query parameters with `options` applied: `null` or `''` removes a parameter. */
export function mergeQueryParams(
  current: Record<string, string | string[]>,
  options: Record<string, string | null>,
): Record<string, string | string[]> {
  const next = { ...current };
  for (const [key, value] of Object.entries(options)) {
    if (value === null || value === '') delete next[key];
    else next[key] = value;
  }
  return next;
}
