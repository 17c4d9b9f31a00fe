import type { ModelRow } from '../../db/models-repository';
import type { Repositories } from '../../db/repositories';
import { modelListsOf, objectColumn } from '../../db/stored-json';

/** The design text of a model: the SDK wraps it as `{design: text}`; other objects are kept as JSON. */
export function designText(design: unknown): string {
  if (design === undefined || design === null) return '';
  if (typeof design === 'string') return design;
  if (typeof design === 'object' && typeof (design as { design?: unknown }).design === 'string')
    return (design as { design: string }).design;
  return JSON.stringify(design);
}

function labelsOf(row: ModelRow): Record<string, number> {
  try {
    return JSON.parse(row.labels) as Record<string, number>;
  } catch {
    return {};
  }
}

/** A model as `models.get_by_id` / `models.get_all` answer it (the SDK's `models.Model`). */
export function modelDocument(row: ModelRow) {
  return {
    id: row.id,
    name: row.name,
    uri: row.uri,
    framework: row.framework,
    design: { design: row.design },
    labels: labelsOf(row),
    project: row.project,
    task: row.task,
    created: row.created,
    last_update: row.created,
    user: 'local',
    comment: '',
    tags: [],
    system_tags: [],
    ready: true,
  };
}

/** The copy of a model a task keeps in `models.input|output[].model` (what the Details tab shows). */
export function modelCopy(row: ModelRow) {
  return { id: row.id, name: row.name, uri: row.uri, framework: row.framework, design: row.design, labels: labelsOf(row) };
}

/** Refreshes the copies of a model kept by the task that references it, after the model changed. */
export function refreshModelCopies(repos: Repositories, row: ModelRow): void {
  if (!row.task || !repos.tasks.exists(row.task)) return;
  const [task] = repos.tasks.rows([row.task], ['models']);
  const models = modelListsOf(objectColumn(task.models));
  let changed = false;
  for (const mode of ['input', 'output'] as const) {
    models[mode] = models[mode].map((ref) => {
      const model = ref.model as { id?: unknown } | string | null | undefined;
      const id = typeof model === 'string' ? model : model?.id;
      if (id !== row.id) return ref;
      changed = true;
      return { ...ref, model: modelCopy(row) };
    });
  }
  if (changed) repos.tasks.update(row.task, { models });
}
