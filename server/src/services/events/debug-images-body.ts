import type { FromSchema } from 'json-schema-to-ts';
import { idString, object, stringArray } from '../../http/endpoint';
import { iterationNumber } from '../../http/limits';

/** The body of `events.debug_images` (schema/services/events.conf), with this server's `iteration` per metric. */
export const debugImagesBody = object(
  {
    metrics: {
      type: 'array',
      minItems: 1,
      items: object({ task: idString, metric: { type: 'string' }, variants: stringArray, iteration: iterationNumber }, ['task']),
    },
    // No upper bound, as on clearml-server: the event budget refuses what does not fit.
    iters: { type: 'integer', minimum: 1, default: 1 },
    navigate_earlier: { type: 'boolean', default: true },
    refresh: { type: 'boolean', default: false },
    scroll_id: { type: ['string', 'null'] },
    model_events: { type: 'boolean' },
  },
  ['metrics'],
);

/** As the handler sees it: AJV has filled in the defaults. */
export type DebugImagesBody = FromSchema<typeof debugImagesBody>;
