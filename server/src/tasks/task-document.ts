import type { Repositories } from '../db/repositories';
import type { SeriesSummary } from '../db/scalars-repository';
import type { ProjectedRow } from '../db/tasks-repository';
import { JSON_COLUMNS, SCALAR_COLUMNS, type TaskRow } from '../db/task-record';
import { nameHash } from '../ids';

export type TaskDocument = Record<string, unknown>;

export interface LastMetricsEntry {
  metric: string;
  variant: string;
  value: number | null;
  min_value: number | null;
  min_value_iteration: number | null;
  max_value: number | null;
  max_value_iteration: number | null;
  first_value: number | null;
  mean_value: number | null;
  count: number;
  x_axis_label?: string;
}

/** `last_metrics` of a task, from the statistics kept at ingest (`series`: its series summaries). */
export function lastMetrics(repos: Repositories, task: string, series: readonly SeriesSummary[]): Record<string, Record<string, LastMetricsEntry>> {
  const out: Record<string, Record<string, LastMetricsEntry>> = {};
  for (const s of series) (out[s.metric_hash] ??= {})[s.variant_hash] = seriesEntry(s);
  for (const v of repos.events.singleValues(task)) {
    (out[nameHash(v.metric)] ??= {})[nameHash(v.variant)] = {
      metric: v.metric,
      variant: v.variant,
      value: v.value,
      min_value: v.value,
      min_value_iteration: null,
      max_value: v.value,
      max_value_iteration: null,
      first_value: v.value,
      mean_value: v.value,
      count: 1,
    };
  }
  return out;
}

function seriesEntry(s: SeriesSummary): LastMetricsEntry {
  const entry: LastMetricsEntry = {
    metric: s.metric,
    variant: s.variant,
    value: s.value,
    min_value: s.min_value,
    min_value_iteration: s.min_iter,
    max_value: s.max_value,
    max_value_iteration: s.max_iter,
    first_value: s.first_value,
    mean_value: s.count ? s.sum / s.count : null,
    count: s.count,
  };
  if (s.x_axis_label) entry.x_axis_label = s.x_axis_label;
  return entry;
}

/**
 * Task documents in the shape of `tasks.get_all_ex`, for the given ids (in that order, unknown ids
 * skipped). With `onlyFields`, only those dotted paths (plus `id`) are built and returned.
 */
export function taskDocuments(repos: Repositories, ids: readonly string[], onlyFields: readonly string[] | null): TaskDocument[] {
  const fields = onlyFields?.length ? onlyFields : null;
  const rows = new Map<string, ProjectedRow>(
    fields
      ? repos.tasks.projectedRows(ids, fields).map((r) => [r.row.id!, r] as const)
      : repos.tasks.rows(ids, null).map((row) => [row.id!, { row, paths: [] }] as const),
  );
  const tops = fields ? new Set(fields.map((f) => f.split('.')[0])) : null;
  const wants = (top: string) => tops === null || tops.has(top);
  const projectNames = new Map<string, string | null>();
  const projectName = (id: string) => {
    if (!projectNames.has(id)) projectNames.set(id, repos.projects.get(id)?.name ?? null);
    return projectNames.get(id)!;
  };
  const summaries = wants('last_metrics') ? repos.scalars.summariesOfTasks(ids) : null;
  const docs: TaskDocument[] = [];
  for (const id of ids) {
    const row = rows.get(id);
    if (!row) continue;
    const doc = buildDocument(row.row, wants, projectName, (parent) => repos.tasks.name(parent));
    for (const [path, json] of row.paths) if (json !== null) setPath(doc, path, JSON.parse(json));
    if (summaries) doc.last_metrics = lastMetrics(repos, id, summaries.get(id) ?? []);
    if (wants('output')) doc.output = {};
    docs.push(fields ? pick(doc, fields) : doc);
  }
  return docs;
}

function buildDocument(
  row: Partial<TaskRow>,
  wants: (top: string) => boolean,
  projectName: (id: string) => string | null,
  taskName: (id: string) => string | null,
): TaskDocument {
  const doc: TaskDocument = { id: row.id };
  for (const column of SCALAR_COLUMNS) if (wants(column)) doc[column] = row[column] ?? null;
  for (const column of JSON_COLUMNS) {
    if (!wants(column) || !(column in row)) continue;
    const text = row[column as keyof TaskRow] as string | undefined;
    doc[column] = text === undefined ? null : storedJson(text);
  }
  if (wants('project')) doc.project = row.project ? { id: row.project, name: projectName(row.project) } : null;
  if (wants('user')) doc.user = row.user_id ? { id: row.user_id, name: row.user_name ?? '' } : null;
  if (wants('parent')) doc.parent = row.parent ? { id: row.parent, name: taskName(row.parent) } : null;
  return doc;
}

/** A JSON column's value; null for text that is not JSON (no version wrote such text, but a hand-edited file may hold it). */
function storedJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Sets a dotted path of a document, making the objects on the way. */
function setPath(doc: TaskDocument, path: string, value: unknown): void {
  const parts = path.split('.');
  let target = doc as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) {
    if (target[part] === null || typeof target[part] !== 'object') target[part] = {};
    target = target[part] as Record<string, unknown>;
  }
  target[parts[parts.length - 1]] = value;
}

/** Keeps only the given dotted paths of a document, always with its id. */
export function pick(doc: TaskDocument, paths: readonly string[]): TaskDocument {
  const out: TaskDocument = { id: doc.id };
  for (const path of paths) {
    const parts = path.split('.');
    let source: unknown = doc;
    for (const part of parts) {
      source = source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[part] : undefined;
    }
    if (source !== undefined) setPath(out, path, source);
  }
  return out;
}
