import type { TaskDocument } from './task-document';

type Json = Record<string, unknown>;

function idOf(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as Json).id === 'string') return (value as Json).id;
  return value;
}

function modelRefs(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((ref) => (ref !== null && typeof ref === 'object' ? { ...(ref as Json), model: idOf((ref as Json).model) } : ref));
}

/**
 * A task document in the shape of `tasks.get_all` / `tasks.get_by_id` as the ClearML SDK parses it:
 * references (`project`, `user`, `parent`, `execution.queue`, `models.*[].model`) are plain ids.
 * The SDK's data model rejects an object where it expects an id string, which would break
 * `Task.init`; the web app reads the expanded `{id, name}` form from `tasks.get_all_ex`.
 */
export function sdkTaskShape(doc: TaskDocument): TaskDocument {
  const out: Json = { ...doc };
  for (const key of ['project', 'user', 'parent']) if (key in out) out[key] = idOf(out[key]);
  const execution = out.execution;
  if (execution !== null && typeof execution === 'object' && 'queue' in (execution as Json)) {
    out.execution = { ...(execution as Json), queue: idOf((execution as Json).queue) };
  }
  const models = out.models;
  if (models !== null && typeof models === 'object') {
    const m = models as Json;
    out.models = {
      ...m,
      ...('input' in m ? { input: modelRefs(m.input) } : {}),
      ...('output' in m ? { output: modelRefs(m.output) } : {}),
    };
  }
  return out;
}
