import type { Repositories } from '../../db/repositories';
import { projectDocument } from '../projects/project-endpoints';
import { modelDocument } from '../models/model-document';
import { modelRefId, pickTree, projectionTree, taskDocuments, type TaskDocument } from './task-document';

/**
 * References of a task document, as clearml-server's `tasks.get_all_ex` joins them
 * (database/projection.py): each comes back as `{id}`, and `<reference>.<field>` in `only_fields`
 * (`project.name`, `models.input.model.uri`) adds those fields of the referenced document.
 */
export const TASK_REFERENCES = ['execution.queue', 'models.input.model', 'models.output.model', 'parent', 'project', 'user'] as const;
type Reference = (typeof TASK_REFERENCES)[number];

/** Splits `only_fields` into the task's own paths and, per reference, the fields asked of it. */
export function splitProjection(onlyFields: readonly string[] | null): { own: string[] | null; joins: Map<Reference, string[]> } {
  const joins = new Map<Reference, string[]>();
  if (!onlyFields?.length) return { own: null, joins };
  const own: string[] = [];
  for (const field of onlyFields) {
    const reference = TASK_REFERENCES.find((r) => field.startsWith(`${r}.`));
    if (reference) (joins.get(reference) ?? joins.set(reference, []).get(reference)!).push(field.slice(reference.length + 1));
    else own.push(field);
  }
  for (const reference of joins.keys()) own.push(reference);
  return { own, joins };
}

/** Calls `visit` with each reference value found at a dotted path (through lists), replacing it. */
function replaceAt(value: unknown, parts: readonly string[], visit: (id: unknown) => unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) replaceAt(item, parts, visit);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const target = value as Record<string, unknown>;
  const [part, ...rest] = parts;
  if (!(part in target)) return;
  if (rest.length) replaceAt(target[part], rest, visit);
  else if (target[part] !== null && target[part] !== undefined) target[part] = visit(target[part]);
}

function collectIds(docs: readonly TaskDocument[], reference: Reference): string[] {
  const ids = new Set<string>();
  for (const doc of docs) {
    replaceAt(doc, reference.split('.'), (value) => {
      const id = modelRefId(value);
      if (id) ids.add(id);
      return value;
    });
  }
  return [...ids];
}

/** `{id}` for a referenced document's own references (a model's project, task and user). */
function idsAsReferences(doc: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out = { ...doc };
  for (const field of fields) if (typeof out[field] === 'string') out[field] = { id: out[field] };
  return out;
}

/** The referenced documents, by id, with the asked fields. */
function referencedDocuments(
  repos: Repositories,
  reference: Reference,
  ids: string[],
  fields: string[],
): Map<string, Record<string, unknown>> {
  const wanted = fields.filter((f) => f !== '*' && f !== '');
  const tree = wanted.length && !fields.includes('*') ? projectionTree(wanted) : null;
  const cut = (doc: Record<string, unknown>) => (tree ? pickTree(doc as TaskDocument, tree) : doc);
  const found = new Map<string, Record<string, unknown>>();
  switch (reference) {
    case 'project':
      for (const id of ids) {
        const row = repos.projects.get(id);
        if (row) found.set(id, cut(projectDocument(repos, row, false)));
      }
      break;
    case 'user':
      for (const [id, name] of repos.tasks.userNames(ids)) found.set(id, cut({ id, name }));
      break;
    case 'parent':
      for (const doc of tasksWithReferences(repos, ids, tree ? ['id', ...wanted] : null)) found.set(doc.id as string, doc);
      break;
    case 'models.input.model':
    case 'models.output.model':
      for (const id of ids) {
        const row = repos.models.get(id);
        if (row) found.set(id, cut(idsAsReferences(modelDocument(row), ['project', 'task', 'user'])));
      }
      break;
    default:
      break; // queues are not kept here: `{id}` only
  }
  return found;
}

/** Expands the references of task documents in place: `{id}`, joined with the asked fields. */
export function expandReferences(repos: Repositories, docs: TaskDocument[], joins: Map<Reference, string[]>): TaskDocument[] {
  for (const reference of TASK_REFERENCES) {
    const fields = joins.get(reference);
    const found = fields ? referencedDocuments(repos, reference, collectIds(docs, reference), fields) : new Map();
    for (const doc of docs) {
      replaceAt(doc, reference.split('.'), (value) => {
        const id = modelRefId(value);
        if (id === null) return value;
        return { id, ...(found.get(id) ?? {}) };
      });
    }
  }
  return docs;
}

/** Task documents as `tasks.get_all_ex` answers them: references expanded and joined. */
export function tasksWithReferences(repos: Repositories, ids: readonly string[], onlyFields: readonly string[] | null): TaskDocument[] {
  const { own, joins } = splitProjection(onlyFields);
  return expandReferences(repos, taskDocuments(repos, ids, own), joins);
}
