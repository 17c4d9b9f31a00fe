/** Shapes of the ClearML API that the app reads (see docs/api.md). */

export type TaskStatus = 'created' | 'queued' | 'in_progress' | 'stopped' | 'published' | 'closed' | 'failed' | 'completed' | 'unknown';

export const TASK_STATUSES: readonly TaskStatus[] = [
  'created',
  'queued',
  'in_progress',
  'stopped',
  'published',
  'closed',
  'failed',
  'completed',
  'unknown',
];

export const TASK_TYPES: readonly string[] = [
  'training',
  'testing',
  'inference',
  'data_processing',
  'application',
  'monitor',
  'controller',
  'optimizer',
  'service',
  'qc',
  'custom',
];

/**
 * A reference field (`project`, `user`, `parent`, `execution.queue`): clearml-server answers `{id}`,
 * with `name` only when `<field>.name` is in `only_fields`.
 */
export interface Ref {
  id: string;
  name?: string;
}

/** A task as listed in tables and headers (the fields asked for with `only_fields`). */
export interface TaskSummary {
  id: string;
  name: string;
  status: TaskStatus;
  type: string;
  tags?: string[];
  system_tags?: string[];
  project?: Ref | null;
  user?: Ref | null;
  started?: string | null;
  last_update?: string | null;
  last_change?: string | null;
  last_iteration?: number | null;
}

export interface Project {
  id: string;
  name: string;
  description?: string;
}

export interface TaskQuery {
  id?: string[];
  project?: string[];
  status?: string[];
  type?: string[];
  tags?: string[];
  search_text?: string;
  /** A regular expression matched (case-insensitively) against any of `fields`, as clearml-server's `_any_` filter. */
  _any_?: { pattern: string; fields: string[] };
  system_tags?: string[];
  order_by?: string[];
  page?: number;
  page_size?: number;
  only_fields?: string[];
}

/** Reference names come through dotted `only_fields` (`project.name`), as clearml-server gives them. */
export const TASK_SUMMARY_FIELDS = [
  'id',
  'name',
  'status',
  'type',
  'tags',
  'system_tags',
  'project.name',
  'user.name',
  'started',
  'last_update',
  'last_change',
  'last_iteration',
];

/** Task ids are 32 lowercase hex characters, like ClearML's. */
export const TASK_ID_PATTERN = /^[0-9a-f]{32}$/;

export interface HyperParam {
  section: string;
  name: string;
  value: string;
  type?: string;
  description?: string;
}

export interface ConfigurationItem {
  name: string;
  value: string;
  type?: string;
  description?: string;
}

export interface Artifact {
  key: string;
  type?: string;
  mode?: 'input' | 'output';
  uri?: string;
  content_size?: number;
  hash?: string;
  timestamp?: number | string;
  type_data?: { preview?: string; content_type?: string };
  display_data?: [string, string][];
}

/**
 * A task's input or output model: its name in the task and the model, by id (details from
 * `models.get_all_ex`). clearml-server's `tasks.get_all_ex` gives the reference as `{id}`; the
 * document itself (and `tasks.get_all`) as the id string.
 */
export interface ModelRef {
  name: string;
  model: string | { id: string } | null;
}

/** The model id a `ModelRef` names, in either form; null without one. */
export function modelRefId(ref: ModelRef | null | undefined): string | null {
  const model = ref?.model;
  if (typeof model === 'string') return model || null;
  return model && typeof model === 'object' && typeof model.id === 'string' && model.id ? model.id : null;
}

/** A model as `models.get_all_ex` answers it (`design` is an object on clearml-server: `{design: text}` from the SDK). */
export interface ModelInfo {
  id: string;
  name?: string;
  uri?: string;
  framework?: string;
  design?: unknown;
  labels?: Record<string, number>;
}

export const MODEL_FIELDS = ['id', 'name', 'uri', 'framework', 'design', 'labels'];

/** One metric/variant's summary in `last_metrics`. */
export interface LastMetricValue {
  metric: string;
  variant: string;
  value?: number;
  min_value?: number;
  min_value_iteration?: number;
  max_value?: number;
  max_value_iteration?: number;
  first_value?: number;
  mean_value?: number;
  count?: number;
  x_axis_label?: string;
}

/** A whole task as `tasks.get_all_ex` returns it (every field may be missing from a given server). */
export interface Task extends TaskSummary {
  comment?: string;
  created?: string | null;
  completed?: string | null;
  last_change?: string | null;
  status_changed?: string | null;
  active_duration?: number | null;
  status_message?: string | null;
  status_reason?: string | null;
  last_worker?: string | null;
  parent?: Ref | null;
  script?: {
    binary?: string;
    repository?: string;
    branch?: string;
    tag?: string;
    version_num?: string;
    entry_point?: string;
    working_dir?: string;
    requirements?: { pip?: string; conda?: string };
    diff?: string;
  };
  container?: { image?: string; arguments?: string; setup_shell_script?: string };
  hyperparams?: Record<string, Record<string, HyperParam>>;
  configuration?: Record<string, ConfigurationItem>;
  execution?: { queue?: Ref | null; framework?: string; artifacts?: Artifact[] };
  models?: { input?: ModelRef[]; output?: ModelRef[] };
  runtime?: Record<string, unknown>;
  /** `{md5(metric): {md5(variant): value}}`: the hash keys are opaque, read metric/variant from the value. */
  last_metrics?: Record<string, Record<string, LastMetricValue>>;
}
