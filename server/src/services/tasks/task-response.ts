import { JSON_COLUMNS, SCALAR_COLUMNS } from '../../db/task-record';
import { anyValue, listOf, numberOrNull, textOrNull } from '../../http/response-schema';

/** Columns stored as numbers (REAL / INTEGER); the other plain columns are TEXT. */
const NUMBER_COLUMNS: readonly string[] = ['active_duration', 'last_iteration'];

/**
 * A task document (task-document.ts) as fast-json-stringify writes it: the plain columns typed as
 * stored, everything else (JSON columns, references that are ids or `{id, name}`, last_metrics)
 * written as it is. Its own keys are open too, so a field added to the document is never dropped.
 */
const taskDocument = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    ...Object.fromEntries(SCALAR_COLUMNS.map((column) => [column, NUMBER_COLUMNS.includes(column) ? numberOrNull : textOrNull])),
    ...Object.fromEntries([...JSON_COLUMNS].map((column) => [column, anyValue])),
    project: anyValue,
    user: anyValue,
    parent: anyValue,
    last_metrics: anyValue,
    output: anyValue,
  },
  additionalProperties: true,
} as const;

/** `tasks.get_all_ex` / `tasks.get_all` (task-list.ts): a page of documents, and the next scroll when scrolling. */
export const taskListResponse = {
  type: 'object',
  properties: { tasks: listOf(taskDocument), scroll_id: { type: 'string' } },
} as const;

/** `tasks.get_by_id`. */
export const taskResponse = { type: 'object', properties: { task: taskDocument } } as const;
