/**
 * Reading a task's JSON columns whatever they hold. Writes are validated (task-field-schemas.ts),
 * but a database written by an older server may hold a section as a string, a list as `[null]` or
 * a column that is not JSON at all; such values read as empty rather than failing the request.
 */

export type JsonObject = Record<string, unknown>;

/** Section -> parameter name -> parameter. */
export type Sections = Record<string, Record<string, JsonObject>>;

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The JSON text of a column as an object; `{}` for anything else (null, a string, a list, bad JSON). */
export function objectColumn(text: unknown): JsonObject {
  if (typeof text !== 'string') return {};
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : {};
  } catch {
    return {};
  }
}

/** The objects of a list; anything that is not a list reads as an empty one. */
export function objectList(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** Hyperparameter sections with only what has their shape: sections and parameters that are objects. */
export function sectionsOf(value: unknown): Sections {
  const out: Sections = {};
  if (!isObject(value)) return out;
  for (const [section, params] of Object.entries(value)) {
    if (!isObject(params)) continue;
    const kept: Record<string, JsonObject> = {};
    for (const [name, param] of Object.entries(params)) if (isObject(param)) kept[name] = param;
    out[section] = kept;
  }
  return out;
}

/** A task's `models` column as `{input, output}` lists of objects (other keys kept). */
export function modelListsOf(value: unknown): JsonObject & { input: JsonObject[]; output: JsonObject[] } {
  const models = isObject(value) ? value : {};
  return { ...models, input: objectList(models.input), output: objectList(models.output) };
}
