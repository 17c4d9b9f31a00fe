import type { Repositories } from '../../db/repositories';
import type { SeriesSummary } from '../../db/scalars-repository';
import type { ProjectedRow } from '../../db/tasks-repository';
import { JSON_COLUMNS, SCALAR_COLUMNS, type TaskRow } from '../../db/task-record';
import { nameHash } from '../../ids';

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
export function lastMetrics(
  repos: Repositories,
  task: string,
  series: readonly SeriesSummary[],
): Record<string, Record<string, LastMetricsEntry>> {
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
 * Task documents as stored, for the given ids (in that order, unknown ids skipped): references
 * (`project`, `user`, `parent`, `models.*[].model`) are ids, and left out where there is none. With
 * `onlyFields`, only those dotted paths (plus `id`) are built and returned; a path through a list
 * (`models.input.name`) is taken from each of its items. `tasks.get_all_ex` then expands the
 * references (see task-references.ts).
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
  const summaries = wants('last_metrics') ? repos.scalars.summariesOfTasks(ids) : null;
  const tree = fields ? projectionTree(fields) : null;
  const docs: TaskDocument[] = [];
  for (const id of ids) {
    const row = rows.get(id);
    if (!row) continue;
    const doc = buildDocument(row.row, wants);
    for (const [path, json] of row.paths) if (json !== null) setPath(doc, path, JSON.parse(json));
    if (summaries) doc.last_metrics = lastMetrics(repos, id, summaries.get(id) ?? []);
    if (wants('output')) doc.output = {};
    docs.push(tree ? pickTree(doc, tree) : doc);
  }
  return docs;
}

/** The id of a model reference as a task keeps it: an id, or (older data) a copy of the model. */
export function modelRefId(model: unknown): string | null {
  if (typeof model === 'string') return model;
  if (model !== null && typeof model === 'object' && typeof (model as { id?: unknown }).id === 'string')
    return (model as { id: string }).id;
  return null;
}

function buildDocument(row: Partial<TaskRow>, wants: (top: string) => boolean): TaskDocument {
  const doc: TaskDocument = { id: row.id };
  for (const column of SCALAR_COLUMNS) if (wants(column)) doc[column] = row[column] ?? null;
  for (const column of JSON_COLUMNS) {
    if (!wants(column) || !(column in row)) continue;
    const text = row[column as keyof TaskRow] as string | undefined;
    doc[column] = text === undefined ? null : storedJson(text);
  }
  if (wants('project') && row.project) doc.project = row.project;
  if (wants('user') && row.user_id) doc.user = row.user_id;
  if (wants('parent') && row.parent) doc.parent = row.parent;
  const models = doc.models as Record<string, unknown> | null | undefined;
  if (models && typeof models === 'object') {
    for (const mode of ['input', 'output']) {
      const list = models[mode];
      if (!Array.isArray(list)) continue;
      models[mode] = list.map((item) =>
        item !== null && typeof item === 'object' && 'model' in item ? { ...item, model: modelRefId(item.model) ?? item.model } : item,
      );
    }
  }
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

/** Dotted paths as a tree; a path that is whole (`true`) covers any path below it. */
export type ProjectionTree = { [key: string]: ProjectionTree | true };

export function projectionTree(paths: readonly string[]): ProjectionTree {
  const tree: ProjectionTree = {};
  for (const path of paths) {
    const parts = path.replace(/\.\*$/, '').split('.').filter(Boolean);
    if (!parts.length) continue;
    let node = tree;
    for (const [i, part] of parts.entries()) {
      if (node[part] === true) break;
      if (i === parts.length - 1) node[part] = true;
      else node = (node[part] = (node[part] as ProjectionTree | undefined) ?? {}) as ProjectionTree;
    }
  }
  return tree;
}

/**
 * A value cut down to a projection as MongoDB projects it: through a list each object item is
 * projected (other items dropped); an object without the path keeps an empty object.
 */
function project(value: unknown, tree: ProjectionTree | true): unknown {
  if (tree === true) return value;
  if (Array.isArray(value))
    return value.filter((v) => v !== null && typeof v === 'object' && !Array.isArray(v)).map((v) => project(v, tree));
  if (value === null || typeof value !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(tree)) {
    if (!(key in (value as Record<string, unknown>))) continue;
    const projected = project((value as Record<string, unknown>)[key], sub);
    if (projected !== undefined) out[key] = projected;
  }
  return out;
}

/** Keeps only the projected paths of a document, always with its id. */
export function pickTree(doc: TaskDocument, tree: ProjectionTree): TaskDocument {
  return { id: doc.id, ...(project(doc, tree) as TaskDocument) };
}

/** Keeps only the given dotted paths of a document, always with its id. */
export function pick(doc: TaskDocument, paths: readonly string[]): TaskDocument {
  return pickTree(doc, projectionTree(paths));
}
