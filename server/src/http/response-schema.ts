import type { JSONSchema } from 'json-schema-to-ts';

/**
 * The ClearML envelope around an endpoint's `data` schema, for fast-json-stringify. It writes only
 * the properties a schema names (and coerces their types), so a response schema is given only
 * where the answer's shape is closed and fully known; open documents keep JSON.stringify.
 */
export function envelopeSchema(data: JSONSchema) {
  return {
    type: 'object',
    properties: {
      meta: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          trx: { type: 'string' },
          endpoint: {
            type: 'object',
            properties: { name: { type: 'string' }, requested_version: { type: 'string' }, actual_version: { type: 'string' } },
          },
          result_code: { type: 'integer' },
          result_subcode: { type: 'integer' },
          result_msg: { type: 'string' },
          error_stack: { type: ['string', 'null'] },
          error_data: { type: 'object', additionalProperties: true },
        },
      },
      data,
    },
  } as const;
}
