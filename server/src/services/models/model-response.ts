import { anyValue, listOf, textOrNull } from '../../http/response-schema';

/**
 * A model document (modelDocument): its columns typed; references (an id, or `{id, name}` in
 * models.get_all_ex), labels and tags written as they are; open to added keys.
 */
const modelDocument = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: textOrNull,
    uri: textOrNull,
    framework: textOrNull,
    design: anyValue,
    labels: anyValue,
    project: anyValue,
    task: anyValue,
    parent: anyValue,
    user: anyValue,
    created: textOrNull,
    last_update: textOrNull,
    comment: textOrNull,
    tags: anyValue,
    system_tags: anyValue,
    ready: { type: 'boolean' },
  },
  additionalProperties: true,
} as const;

/** `models.get_all_ex` / `models.get_all`: a page of models, and the next scroll when scrolling. */
export const modelListResponse = {
  type: 'object',
  properties: { models: listOf(modelDocument), scroll_id: { type: 'string' } },
} as const;

/** `models.get_by_id`. */
export const modelResponse = { type: 'object', properties: { model: modelDocument } } as const;
