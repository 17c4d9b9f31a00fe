import { addEventBatch } from '../events/event-batch';
import { endpoint, type Endpoint } from '../routes/endpoint';
import { modelEndpoints } from './model-endpoints';
import { readbackEndpoints } from './readback-endpoints';
import { sdkTaskEndpoints } from './task-endpoints';

/**
 * Calls the ClearML SDK may make that have nothing to keep here (no workers, vaults or model
 * metadata): they answer success with the data the SDK reads, so a training run never breaks on
 * them, and the operator is told once per endpoint that they were ignored.
 */
const IGNORED: Record<string, { answer: object; why: string }> = {
  'workers.register': { answer: {}, why: 'there are no workers here' },
  'workers.unregister': { answer: {}, why: 'there are no workers here' },
  'workers.status_report': { answer: {}, why: 'there are no workers here' },
  'users.get_vaults': { answer: { vaults: [] }, why: 'there are no configuration vaults here' },
  'projects.update': { answer: { updated: 0, fields: {} }, why: 'project settings are not edited here' },
  'models.add_or_update_metadata': { answer: { updated: 0 }, why: 'model metadata is not stored' },
  'tasks.add_or_update_metadata': { answer: { updated: 0 }, why: 'task metadata is not stored' },
};

export const IGNORED_ENDPOINTS = Object.keys(IGNORED);

const ignoredEndpoints: Endpoint[] = Object.entries(IGNORED).map(([name, { answer, why }]) =>
  endpoint<object>({
    name,
    body: { type: 'object' },
    handler: (_body, { notices }) => {
      notices.once(`endpoint ${name}`, `${name} is accepted and ignored (${why})`);
      return answer;
    },
  }),
);

/** Everything the ClearML Python SDK calls beyond the core task, project and event endpoints. */
export const sdkEndpoints: Endpoint[] = [
  ...modelEndpoints,
  ...sdkTaskEndpoints,
  ...readbackEndpoints,
  // One event per call (older SDKs, and `Logger` fallbacks); stored like a batch of one.
  endpoint({
    name: 'events.add',
    body: { type: 'object' },
    handler: (body, { repos, notices }) =>
      addEventBatch(repos, body, (type) => notices.once(`event type ${type}`, `events of type '${type}' are accepted and ignored (reported in errors_info)`)),
  }),
  ...ignoredEndpoints,
  endpoint<object>({
    name: 'users.get_current_user',
    body: { type: 'object' },
    handler: () => ({
      user: { id: 'local', name: 'local', company: { id: 'local', name: 'local' }, role: 'user', preferences: {} },
      getting_started: {},
    }),
  }),
];
