import { endpoint, object } from '../../http/endpoint';

/** `organization.*` (schema/services/organization.conf): the tags in use, for ClearML's web app. */
export const organizationEndpoints = [
  endpoint({
    name: 'organization.get_tags',
    body: object({
      include_system: { type: 'boolean' },
      filter: object({
        tags: { type: 'array', items: { type: ['string', 'null'] } },
        system_tags: { type: 'array', items: { type: ['string', 'null'] } },
      }),
    }),
    handler: ({ include_system }, { repos }) => {
      const { tags, system_tags } = repos.projects.taskTags(null);
      return include_system ? { tags, system_tags } : { tags };
    },
  }),
];
