import { API_VERSION, SERVER_VERSION } from '../../http/envelope';
import { endpoint, object } from '../../http/endpoint';

/** What this server adds to the ClearML contract; clients must work without them. */
export const CAPABILITIES = {
  scalar_histogram_envelope: true, // y_min, y_max and total per histogram series
  scalar_histogram_x_range: true, // x_range in multi_task_scalar_metrics_iter_histogram
  debug_images_iteration: true, // iteration in an events.debug_images metrics item
  max_tasks_per_call: 100,
  max_histogram_samples: 6000,
};

/** `server.*` (schema/services/server.conf). */
export const serverEndpoints = [
  endpoint({
    name: 'server.info',
    body: object({}),
    response: object({
      version: { type: 'string' },
      api_version: { type: 'string' },
      server_version: { type: 'string' },
      build: { type: 'string' },
      commit: { type: 'string' },
      capabilities: object({
        scalar_histogram_envelope: { type: 'boolean' },
        scalar_histogram_x_range: { type: 'boolean' },
        debug_images_iteration: { type: 'boolean' },
        max_tasks_per_call: { type: 'integer' },
        max_histogram_samples: { type: 'integer' },
      }),
    }),
    // clearml-server answers version, build, commit and api_version (services/server/__init__.py).
    handler: (_body, { plainClearml }) =>
      plainClearml
        ? { version: SERVER_VERSION, build: '', commit: '', api_version: API_VERSION }
        : {
            version: SERVER_VERSION,
            api_version: API_VERSION,
            server_version: SERVER_VERSION,
            build: '',
            commit: '',
            capabilities: CAPABILITIES,
          },
  }),
  endpoint({
    name: 'server.report_stats_option',
    body: object({ enabled: { type: ['boolean', 'null'] } }),
    response: object({ supported: { type: 'boolean' } }),
    // This server reports no statistics anywhere (clearml-server answers so when its reporter is off).
    handler: () => ({ supported: false }),
  }),
];
