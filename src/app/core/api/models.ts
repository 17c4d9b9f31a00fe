/** Shapes of the ClearML API that the app reads (see docs/api.md). */

export type TaskStatus =
  | 'created' | 'queued' | 'in_progress' | 'stopped' | 'published' | 'closed' | 'failed' | 'completed' | 'unknown';

export const TASK_STATUSES: readonly TaskStatus[] = [
  'created', 'queued', 'in_progress', 'stopped', 'published', 'closed', 'failed', 'completed', 'unknown',
];

export const TASK_TYPES: readonly string[] = [
  'training', 'testing', 'inference', 'data_processing', 'application', 'monitor', 'controller',
  'optimizer', 'service', 'qc', 'custom',
];

export interface IdName {
  id: string;
  name: string;
}

/** A task as listed in tables and headers (the fields asked for with `only_fields`). */
export interface TaskSummary {
  id: string;
  name: string;
  status: TaskStatus;
  type: string;
  tags?: string[];
  system_tags?: string[];
  project?: IdName | null;
  user?: IdName | null;
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
  system_tags?: string[];
  order_by?: string[];
  page?: number;
  page_size?: number;
  only_fields?: string[];
}

export const TASK_SUMMARY_FIELDS = [
  'id', 'name', 'status', 'type', 'tags', 'system_tags', 'project', 'user', 'started', 'last_update', 'last_change',
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

export interface ModelRef {
  name: string;
  model: { id: string; name: string; uri?: string; framework?: string; design?: string; labels?: Record<string, number> };
}

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
  parent?: IdName | null;
  script?: {
    binary?: string; repository?: string; branch?: string; tag?: string; version_num?: string; entry_point?: string;
    working_dir?: string; requirements?: { pip?: string; conda?: string }; diff?: string;
  };
  container?: { image?: string; arguments?: string; setup_shell_script?: string };
  hyperparams?: Record<string, Record<string, HyperParam>>;
  configuration?: Record<string, ConfigurationItem>;
  execution?: { queue?: IdName | null; framework?: string; artifacts?: Artifact[] };
  models?: { input?: ModelRef[]; output?: ModelRef[] };
  runtime?: Record<string, unknown>;
  /** `{md5(metric): {md5(variant): value}}`: the hash keys are opaque, read metric/variant from the value. */
  last_metrics?: Record<string, Record<string, LastMetricValue>>;
}
