import { Params } from '@angular/router';
import { TASK_STATUSES, TASK_TYPES, TaskQuery, TASK_SUMMARY_FIELDS } from '../core/api/models';

/** What the task table shows, as read from and written to the URL (`/tasks?project=..&q=..`). */
export interface TableQuery {
  projects: string[];
  search: string;
  sort: TableSort;
  statuses: string[];
  types: string[];
  tags: string[];
  showArchived: boolean;
  pageIndex: number;
  pageSize: number;
}

/**
 * Columns the table sorts by: fields of the task itself. Project and user are references (ids on
 * clearml-server, which orders by the task's own fields), so they do not sort, as in ClearML's web app.
 */
export type SortField = 'name' | 'status' | 'type' | 'started' | 'last_update' | 'last_iteration';
export interface TableSort {
  field: SortField;
  direction: 'asc' | 'desc';
}

export type FilterKey = 'projects' | 'statuses' | 'types' | 'tags';

export const SORT_FIELDS: readonly SortField[] = ['name', 'status', 'type', 'started', 'last_update', 'last_iteration'];
export const PAGE_SIZES = [25, 50, 100, 250, 500] as const;
export const DEFAULT_TABLE_QUERY: TableQuery = {
  projects: [],
  search: '',
  sort: { field: 'last_update', direction: 'desc' },
  statuses: [],
  types: [],
  tags: [],
  showArchived: false,
  pageIndex: 0,
  pageSize: 50,
};

/** Characters with a meaning in a regular expression, escaped so typed text matches as it is. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The search box's filter: the typed text anywhere in the name or the id, any case (`_any_`, as ClearML's web app searches). */
export function searchFilter(search: string): { pattern: string; fields: string[] } | null {
  const text = search.trim();
  return text ? { pattern: escapeRegex(text), fields: ['name', 'id'] } : null;
}

function list(value: unknown): string[] {
  const raw = Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '';
  return [
    ...new Set(
      raw
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

function positiveInt(value: unknown): number | null {
  const parsed = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(parsed) ? parsed : null;
}

/** Reads the URL's query parameters; anything unreadable falls back to the default. */
export function parseTableQuery(params: Params): TableQuery {
  const sortRaw = typeof params['sort'] === 'string' ? params['sort'] : '';
  const descending = sortRaw.startsWith('-');
  const sortField = (descending ? sortRaw.slice(1) : sortRaw) as SortField;
  const sort: TableSort = SORT_FIELDS.includes(sortField)
    ? { field: sortField, direction: descending ? 'desc' : 'asc' }
    : DEFAULT_TABLE_QUERY.sort;
  const page = positiveInt(params['page']);
  const size = positiveInt(params['size']);
  return {
    projects: list(params['project']),
    search: typeof params['q'] === 'string' ? params['q'] : '',
    sort,
    statuses: list(params['status']).filter((status) => (TASK_STATUSES as readonly string[]).includes(status)),
    types: list(params['type']).filter((type) => TASK_TYPES.includes(type)),
    tags: list(params['tag']),
    showArchived: params['archived'] === '1' || params['archived'] === 'true',
    pageIndex: page && page > 0 ? page - 1 : 0,
    pageSize: size && (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_TABLE_QUERY.pageSize,
  };
}

/** The query parameters for a table state, defaults left out so plain URLs stay short. */
export function tableQueryToParams(query: TableQuery): Params {
  const params: Params = {};
  if (query.projects.length) params['project'] = query.projects.join(',');
  if (query.search) params['q'] = query.search;
  const { sort } = query;
  if (sort.field !== DEFAULT_TABLE_QUERY.sort.field || sort.direction !== DEFAULT_TABLE_QUERY.sort.direction) {
    params['sort'] = (sort.direction === 'desc' ? '-' : '') + sort.field;
  }
  if (query.statuses.length) params['status'] = query.statuses.join(',');
  if (query.types.length) params['type'] = query.types.join(',');
  if (query.tags.length) params['tag'] = query.tags.join(',');
  if (query.showArchived) params['archived'] = '1';
  if (query.pageIndex > 0) params['page'] = String(query.pageIndex + 1);
  if (query.pageSize !== DEFAULT_TABLE_QUERY.pageSize) params['size'] = String(query.pageSize);
  return params;
}

/** The `tasks.get_all_ex` body for a table state. */
export function toTaskQuery(query: TableQuery): TaskQuery {
  const body: TaskQuery = {
    only_fields: TASK_SUMMARY_FIELDS,
    order_by: [(query.sort.direction === 'desc' ? '-' : '') + query.sort.field, '-id'],
    page: query.pageIndex,
    page_size: query.pageSize,
  };
  if (query.projects.length) body.project = query.projects;
  if (query.statuses.length) body.status = query.statuses;
  if (query.types.length) body.type = query.types;
  if (query.tags.length) body.tags = query.tags;
  const search = searchFilter(query.search);
  if (search) body._any_ = search;
  if (!query.showArchived) body.system_tags = ['-archived'];
  return body;
}

/** A filter or search change starts again at the first page. */
export function patchTableQuery(query: TableQuery, patch: Partial<TableQuery>): TableQuery {
  const keepsPage = Object.keys(patch).every((key) => key === 'pageIndex' || key === 'pageSize');
  return { ...query, ...patch, pageIndex: patch.pageIndex ?? (keepsPage ? query.pageIndex : 0) };
}

/**
 * How many tasks the paginator counts: the server's count when it gives one, else those before
 * and on this page, plus one when a next page exists (so "next" is enabled exactly then).
 */
export function pagedLength(pageIndex: number, pageSize: number, shown: number, hasMore: boolean, total?: number): number {
  if (typeof total === 'number') return total;
  return pageIndex * pageSize + shown + (hasMore ? 1 : 0);
}

/**
 * The paginator's range label, as Material writes it ("51 – 100 of 5000"). Without a count, the
 * tasks up to this page's end, with "+" while more follow ("51 – 100 of 100+").
 */
export function rangeLabel(pageIndex: number, pageSize: number, length: number, counted: boolean): string {
  if (length === 0 || pageSize === 0) return `0 of ${counted ? length : 0}`;
  const start = pageIndex * pageSize;
  if (start >= length) return `${start + 1} – ${start + pageSize} of ${counted ? length : `${length}`}`;
  const end = Math.min(start + pageSize, length);
  if (counted) return `${start + 1} – ${end} of ${length}`;
  return `${start + 1} – ${end} of ${end}${length > end ? '+' : ''}`;
}
