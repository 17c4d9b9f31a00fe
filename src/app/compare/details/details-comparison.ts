import { envelopeData } from '../../core/api/api-error';
import { Task } from '../../core/api/models';
import { ComparisonSection, alignSection } from '../side-by-side/comparison-model';
import { ModelsById, detailsSections } from './details-sections';
import type { PlainRequest } from '../../core/api/plain-request';

/** Messages to the Details worker: a chunk of long texts to keep, or a comparison to build. */
export type DetailsWorkerRequest =
  | { kind: 'texts'; textsId: number; ids: string[]; bytes: ArrayBuffer }
  /** Fetch the texts of `ids` with this request, then parse and keep them like `texts`. */
  | { kind: 'fetchTexts'; textsId: number; ids: string[]; request: PlainRequest }
  | {
      kind: 'compare';
      requestId: number;
      /** The compared tasks in order (base first); null for a task not loaded. */
      ids: (string | null)[];
      /** Tasks the worker has not been sent yet (or whose object changed): the others come from its cache. */
      fresh: Task[];
      rawConfig: boolean;
      /** The tasks' models by id (a few small objects, sent whole each time). */
      models: ModelsById;
    };

export type DetailsWorkerAnswer =
  /** `askAgain`: the worker could not fetch (no answer, or a 401) and the page should ask its own way. */
  | { kind: 'texts'; textsId: number; error: string | null; askAgain?: boolean }
  | { kind: 'compare'; requestId: number; sections: ComparisonSection[] };

/** The Details comparison (on this thread for small comparisons, or where workers are missing). */
export function compareDetails(
  tasks: (Task | null)[],
  rawConfig: boolean,
  textsPending = false,
  models: ModelsById = {},
): ComparisonSection[] {
  return detailsSections(tasks, rawConfig, textsPending, models).map(alignSection);
}

/** A task with the long texts of `texts` (a `TEXT_FIELDS` answer, or a refreshed task) put in. */
export function withTexts(task: Task, texts: Task): Task {
  const out: Task = { ...task };
  const script = { ...task.script };
  if (texts.script?.diff !== undefined) script.diff = texts.script.diff;
  if (texts.script?.requirements !== undefined) script.requirements = texts.script.requirements;
  if (task.script || Object.keys(script).length) out.script = script;
  if (texts.container?.setup_shell_script !== undefined)
    out.container = { ...task.container, setup_shell_script: texts.container.setup_shell_script };
  if (texts.configuration !== undefined) out.configuration = texts.configuration;
  return out;
}

/** True for a refreshed task (a live refresh), which brings its own long texts. */
function hasOwnTexts(task: Task): boolean {
  return task.configuration !== undefined || task.script?.diff !== undefined || task.script?.requirements !== undefined;
}

/** Each task with its long texts put in (texts missing: the task as it is; a refreshed task keeps its own). */
export function mergeTexts(tasks: (Task | null)[], texts: (Task | null | undefined)[]): (Task | null)[] {
  return tasks.map((task, t) => (task && texts[t] && !hasOwnTexts(task) ? withTexts(task, texts[t]) : task));
}

/**
 * The long texts in the bytes of a `TEXT_FIELDS` answer for `ids`, by id (a task the server left
 * out has none). Throws on bytes that are not a ClearML answer.
 */
export function parseTexts(ids: readonly string[], bytes: ArrayBuffer): Map<string, Task> {
  let envelope: unknown;
  try {
    envelope = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    envelope = null;
  }
  const { tasks } = envelopeData<{ tasks?: Task[] }>('tasks.get_all_ex', envelope);
  const answered = new Map((tasks ?? []).map((task) => [task.id, task]));
  return new Map(ids.map((id) => [id, answered.get(id) ?? ({ id } as Task)]));
}

/** The buffers of a comparison's cell tables, to hand them to another thread without copying. */
export function transferables(sections: ComparisonSection[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const section of sections) {
    for (const row of section.rows) {
      buffers.add(row.table.values.buffer as ArrayBuffer);
      buffers.add(row.table.changed.buffer as ArrayBuffer);
    }
  }
  return [...buffers];
}

/** Tasks and their long texts kept between requests, so a new base or option sends nothing again. */
export class TaskCache {
  private readonly tasks = new Map<string, Task>();
  readonly texts = new Map<string, Task>();

  addTexts(texts: Map<string, Task>): void {
    for (const [id, task] of texts) this.texts.set(id, task);
  }

  /** The tasks of a request in order, with their texts, after taking in the fresh ones; drops tasks no longer compared. */
  resolve(request: { ids: (string | null)[]; fresh: Task[] }): (Task | null)[] {
    for (const task of request.fresh) this.tasks.set(task.id, task);
    const wanted = new Set(request.ids);
    for (const map of [this.tasks, this.texts]) for (const id of map.keys()) if (!wanted.has(id)) map.delete(id);
    const tasks = request.ids.map((id) => (id === null ? null : (this.tasks.get(id) ?? null)));
    return mergeTexts(
      tasks,
      request.ids.map((id) => (id === null ? null : this.texts.get(id))),
    );
  }
}
