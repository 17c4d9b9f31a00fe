import type { FromSchema } from 'json-schema-to-ts';
import { ApiError } from '../../api-error';
import type { Repositories } from '../../db/repositories';
import type { TaskQuery } from '../../db/tasks-repository';
import { sdkTaskShape } from './task-shape';
import { object, oneOrMany, stringArray } from '../../http/endpoint';
import { fieldList, LIMITS, listPaging, nameString, orderByOneOrList } from '../../http/limits';
import { taskDocuments } from './task-document';
import { tasksWithReferences } from './task-references';

/** At most this many tasks an answer (clearml-server's services._mongo.max_page_size). */
export const MAX_PAGE_SIZE = 500;

const multiField = object({
  pattern: { type: 'string', maxLength: LIMITS.nameLength },
  fields: { type: 'array', items: { type: 'string', maxLength: LIMITS.nameLength }, maxItems: 100 },
  datetime: { anyOf: [{ type: 'string' }, stringArray] },
});

/** The body of `tasks.get_all_ex` / `tasks.get_all` (schema/services/tasks.conf). */
export const listQuery = object({
  id: oneOrMany,
  project: oneOrMany,
  status: oneOrMany,
  type: oneOrMany,
  tags: stringArray,
  system_tags: stringArray,
  parent: oneOrMany,
  name: nameString,
  search_text: nameString,
  _any_: multiField,
  _all_: multiField,
  search_hidden: { type: 'boolean' },
  order_by: orderByOneOrList,
  ...listPaging,
  refresh_scroll: { type: 'boolean' },
  only_fields: fieldList,
  include_subprojects: { type: 'boolean' },
  allow_public: { type: 'boolean' },
});

/** The body of a task list, as the schema defines it. */
export type ListBody = FromSchema<typeof listQuery>;

/** A scroll of tasks: how many were returned so far. Carried in the id itself (no server state). */
function scrollPosition(scrollId: string | null | undefined): number {
  if (!scrollId) return 0;
  try {
    const cursor = JSON.parse(Buffer.from(scrollId, 'base64url').toString('utf8'));
    // An unknown or expired scroll starts anew, as clearml-server makes a new state for it.
    return cursor?.k === 'tasks' && Number.isSafeInteger(cursor.position) && cursor.position >= 0 ? cursor.position : 0;
  } catch {
    return 0;
  }
}

function scrollId(position: number): string {
  return Buffer.from(JSON.stringify({ k: 'tasks', position }), 'utf8').toString('base64url');
}

function multiFieldConditions(body: ListBody): NonNullable<TaskQuery['multi_field']> {
  const conditions: NonNullable<TaskQuery['multi_field']> = [];
  for (const key of ['_any_', '_all_'] as const) {
    const value = body[key];
    if (value === undefined) continue;
    if ((value.pattern === undefined) === (value.datetime === undefined)) {
      throw new ApiError(400, 12, `Validation error (incorrect field format): field=${key}`, { field: key });
    }
    // Date conditions are not kept apart here: such a filter matches every task.
    if (value.pattern === undefined || !value.fields?.length) continue;
    conditions.push({ all: key === '_all_', pattern: value.pattern, fields: value.fields });
  }
  return conditions;
}

/**
 * Lists tasks as clearml-server's GetMixin does (database/model/base.py): filters, order, and
 * paging by `page`/`page_size` (at most 500 a page, 500 when not asked) or by `scroll_id` + `size`
 * (the answer carries the `scroll_id` of the next call). No count of all matches is returned.
 */
export function listTasks(repos: Repositories, body: ListBody, shape: 'get_all_ex' | 'get_all') {
  const many = (value: string | string[] | undefined) => (typeof value === 'string' ? [value] : value);
  const scrolling = 'scroll_id' in body;
  let offset: number;
  let limit: number;
  let position = 0;
  if (scrolling) {
    if (!Number.isInteger(body.size) || body.size! < 1) {
      throw new ApiError(400, 12, 'Validation error: Integer size parameter greater than 1 should be provided when working with scroll', {
        field: 'size',
      });
    }
    position = scrollPosition(body.scroll_id);
    limit = body.refresh_scroll ? Math.max(position, body.size!) : body.size!;
    offset = body.refresh_scroll ? 0 : position;
  } else {
    limit = Math.min(body.page_size ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
    offset = (body.page ?? 0) * limit;
  }
  const query: TaskQuery = {
    id: many(body.id),
    project: many(body.project),
    status: many(body.status),
    type: many(body.type),
    parent: many(body.parent),
    tags: body.tags,
    system_tags: body.system_tags,
    name: body.name,
    search_text: body.search_text,
    multi_field: multiFieldConditions(body),
    search_hidden: body.search_hidden === true,
    order_by: many(body.order_by),
    offset,
    limit,
  };
  let ids = repos.tasks.query(query);
  if (query.id?.length && !query.order_by?.length) {
    const at = new Map(query.id.map((id, i) => [id, i]));
    ids = [...ids].sort((a, b) => at.get(a)! - at.get(b)!);
  }
  const fields = body.only_fields ?? null;
  const tasks = shape === 'get_all_ex' ? tasksWithReferences(repos, ids, fields) : taskDocuments(repos, ids, fields).map(sdkTaskShape);
  return scrolling ? { tasks, scroll_id: scrollId((body.refresh_scroll ? 0 : position) + ids.length) } : { tasks };
}
