/** How a task is kept in the `tasks` table, and how the stored columns map to the API's fields. */
export interface TaskRow {
  id: string;
  project: string | null;
  name: string;
  type: string;
  status: string;
  comment: string;
  tags: string;
  system_tags: string;
  archived: number;
  user_id: string | null;
  user_name: string | null;
  parent: string | null;
  created: string;
  started: string | null;
  completed: string | null;
  last_update: string;
  last_change: string;
  status_changed: string | null;
  active_duration: number | null;
  status_message: string;
  status_reason: string;
  last_iteration: number;
  last_worker: string | null;
  script: string;
  container: string;
  hyperparams: string;
  configuration: string;
  execution: string;
  models: string;
  runtime: string;
}

/** Columns holding JSON text. */
export const JSON_COLUMNS = new Set([
  'tags',
  'system_tags',
  'script',
  'container',
  'hyperparams',
  'configuration',
  'execution',
  'models',
  'runtime',
]);

/** Plain columns that are returned as they are stored. */
export const SCALAR_COLUMNS = [
  'name',
  'type',
  'status',
  'comment',
  'created',
  'started',
  'completed',
  'last_update',
  'last_change',
  'status_changed',
  'active_duration',
  'status_message',
  'status_reason',
  'last_iteration',
  'last_worker',
] as const;

/** The columns needed to build each top-level field of a task document. */
export const FIELD_COLUMNS: Record<string, readonly string[]> = {
  id: ['id'],
  project: ['project'],
  user: ['user_id', 'user_name'],
  parent: ['parent'],
  last_metrics: [],
  output: [],
  ...Object.fromEntries([...SCALAR_COLUMNS, ...JSON_COLUMNS].map((c) => [c, [c]])),
};

/** Fields of the task document that `order_by` may name directly, with the column they sort on. */
export const SORTABLE_FIELDS: Record<string, string> = {
  id: 't.id',
  name: 't.name COLLATE NOCASE',
  type: 't.type',
  status: 't.status',
  comment: 't.comment',
  created: 't.created',
  started: 't.started',
  completed: 't.completed',
  last_update: 't.last_update',
  last_change: 't.last_change',
  status_changed: 't.status_changed',
  active_duration: 't.active_duration',
  last_iteration: 't.last_iteration',
  last_worker: 't.last_worker',
  // References sort by their ids, as on clearml-server (the names are in other documents).
  project: 't.project',
  user: 't.user_id',
  parent: 't.parent',
  tags: 't.tags',
};

/** Fields of a `last_metrics` entry that `order_by` may name, with the series column they sort on. */
export const METRIC_SORT_FIELDS: Record<string, string> = {
  value: 'value',
  min_value: 'min_value',
  max_value: 'max_value',
  first_value: 'first_value',
  mean_value: 'sum / nullif(count, 0)',
  count: 'count',
  min_value_iteration: 'min_iter',
  max_value_iteration: 'max_iter',
};
