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
  'id', 'name', 'status', 'type', 'tags', 'system_tags', 'project', 'user', 'started', 'last_update', 'last_iteration',
];

/** Task ids are 32 lowercase hex characters, like ClearML's. */
export const TASK_ID_PATTERN = /^[0-9a-f]{32}$/;
