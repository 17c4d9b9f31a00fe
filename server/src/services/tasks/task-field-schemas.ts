/**
 * Schemas of the map- and list-shaped task fields, as ClearML's `tasks.conf` defines them, so a
 * section sent as a string (or a list of something else) is refused with a 400 naming the field
 * before anything is written.
 */

const text = { type: 'string' } as const;
/** ClearML's values are strings; numbers and booleans are taken as the SDK's older versions send them. */
const scalarValue = { type: ['string', 'number', 'boolean', 'null'] } as const;

/** `params_item`: one hyperparameter. */
export const paramItemSchema = {
  type: 'object',
  properties: { section: text, name: text, value: scalarValue, type: text, description: text },
} as const;

/** `hyperparams`: section -> name -> params_item. */
export const hyperparamsSchema = {
  type: 'object',
  additionalProperties: { type: 'object', additionalProperties: paramItemSchema },
} as const;

/** `configuration`: name -> configuration_item. */
export const configurationSchema = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    properties: { name: text, value: scalarValue, type: text, description: text },
  },
} as const;

/** `artifact`. */
export const artifactSchema = {
  type: 'object',
  properties: {
    key: text,
    type: text,
    mode: { type: 'string', enum: ['input', 'output'] },
    uri: text,
    hash: text,
    content_size: { type: 'number' },
    timestamp: { type: 'number' },
    type_data: { type: 'object' },
    display_data: { type: 'array' },
  },
  required: ['key', 'type'],
} as const;

/** `execution`: its artifacts are a list of artifacts; other keys as sent. */
export const executionSchema = {
  type: 'object',
  properties: { artifacts: { type: ['array', 'null'], items: artifactSchema }, parameters: { type: ['object', 'null'] } },
} as const;

/** `models`: input and output lists of `{name, model}` entries. */
const modelList = { type: ['array', 'null'], items: { type: 'object', properties: { name: text } } } as const;
export const modelsSchema = { type: 'object', properties: { input: modelList, output: modelList } } as const;

/** `script`: its requirements are a map (`{pip: "..."}`). */
export const scriptSchema = { type: 'object', properties: { requirements: { type: ['object', 'null'] } } } as const;
