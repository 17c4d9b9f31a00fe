import type { FromSchema } from 'json-schema-to-ts';
import { ApiError } from '../../api-error';
import { object, oneOrMany } from '../../http/endpoint';
import { fieldList, listPaging, nameString, orderByOneOrList } from '../../http/limits';
import type { Repositories } from '../../db/repositories';
import { clientPattern } from '../../db/name-pattern';
import { modelDocument } from './model-document';
import { pickTree, projectionTree } from '../tasks/task-document';
import { MAX_PAGE_SIZE } from '../tasks/task-list';

/** The body of `models.get_all_ex` (schema/services/models.conf): the task list's paging and fields. */
export const modelListQuery = object({
  id: oneOrMany,
  task: oneOrMany,
  project: oneOrMany,
  name: nameString,
  only_fields: fieldList,
  order_by: orderByOneOrList,
  ...listPaging,
  include_stats: { type: 'boolean' },
  allow_public: { type: 'boolean' },
});
type ModelListBody = FromSchema<typeof modelListQuery>;

/** References of a model document: `{id}`, with `<reference>.name` joined (models.get_all_ex). */
const MODEL_REFERENCES = ['project', 'task', 'user', 'parent'] as const;

function referenceName(repos: Repositories, reference: string, id: string): string | null {
  if (reference === 'project') return repos.projects.get(id)?.name ?? null;
  if (reference === 'task' || reference === 'parent')
    return (reference === 'task' ? repos.tasks.name(id) : repos.models.get(id)?.name) ?? null;
  return repos.tasks.userNames([id]).get(id) ?? null;
}

/**
 * `models.get_all_ex` (schema/services/models.conf): models by id, task, project or name pattern,
 * as clearml-server joins them (project, task, user and parent as `{id}`, `project.name` and the
 * like adding the name), paged by `page`/`page_size` or `scroll_id` + `size`.
 */
export function listModels(repos: Repositories, body: ModelListBody) {
  const list = (v: string[] | string | undefined) => (v === undefined ? null : new Set(typeof v === 'string' ? [v] : v));
  const ids = list(body.id);
  const tasks = list(body.task);
  const projects = list(body.project);
  const pattern = body.name ? clientPattern('name', body.name) : null;
  const rows = (
    ids ? [...ids].map((id) => repos.models.get(id)).filter((m) => m !== null) : repos.models.list(tasks?.size === 1 ? [...tasks][0] : null)
  ).filter(
    (m) =>
      (!tasks || (m.task !== null && tasks.has(m.task))) &&
      (!projects || (m.project !== null && projects.has(m.project))) &&
      (!pattern || pattern.test(m.name)),
  );
  const scrolling = 'scroll_id' in body;
  let offset: number;
  let limit: number;
  if (scrolling) {
    if (!Number.isInteger(body.size) || body.size! < 1) {
      throw new ApiError(400, 12, 'Validation error: Integer size parameter greater than 1 should be provided when working with scroll', {
        field: 'size',
      });
    }
    limit = body.size!;
    try {
      const cursor = JSON.parse(Buffer.from(body.scroll_id ?? '', 'base64url').toString('utf8'));
      offset = cursor?.k === 'models' && Number.isSafeInteger(cursor.position) && cursor.position >= 0 ? cursor.position : 0;
    } catch {
      offset = 0;
    }
  } else {
    limit = Math.min(body.page_size ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
    offset = (body.page ?? 0) * limit;
  }
  const page = rows.slice(offset, offset + limit);
  const fields = body.only_fields?.length ? body.only_fields : null;
  const joins = new Map<string, boolean>();
  const own: string[] = [];
  for (const field of fields ?? []) {
    const reference = MODEL_REFERENCES.find((r) => field.startsWith(`${r}.`));
    if (reference) joins.set(reference, joins.get(reference) || field === `${reference}.name`);
    else own.push(field);
  }
  const tree = fields ? projectionTree([...own, ...joins.keys()]) : null;
  const models = page.map((row) => {
    const doc: Record<string, unknown> = { ...modelDocument(row) };
    for (const reference of MODEL_REFERENCES) {
      const id = doc[reference];
      // MongoDB keeps no empty reference: the key is left out.
      if (id === null || id === undefined) delete doc[reference];
      if (typeof id !== 'string') continue;
      doc[reference] = joins.get(reference) ? { id, name: referenceName(repos, reference, id) } : { id };
    }
    return tree ? pickTree(doc, tree) : doc;
  });
  if (!scrolling) return { models };
  return { models, scroll_id: Buffer.from(JSON.stringify({ k: 'models', position: offset + page.length }), 'utf8').toString('base64url') };
}
