import { anyValue, listOf, mapOf, textOrNull } from '../../http/response-schema';

/** A project document (projectDocument): its columns typed, tags as stored; open to added keys. */
const projectDocument = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: textOrNull,
    basename: textOrNull,
    description: textOrNull,
    created: textOrNull,
    last_update: textOrNull,
    tags: anyValue,
    system_tags: anyValue,
    stats: {
      type: 'object',
      properties: {
        active: { type: 'object', properties: { total_tasks: { type: 'number' }, status_count: mapOf({ type: 'number' }) } },
      },
    },
  },
  additionalProperties: true,
} as const;

/** `projects.get_all_ex` / `projects.get_all`. */
export const projectListResponse = { type: 'object', properties: { projects: listOf(projectDocument) } } as const;

/** `projects.get_by_id`. */
export const projectResponse = { type: 'object', properties: { project: projectDocument } } as const;
