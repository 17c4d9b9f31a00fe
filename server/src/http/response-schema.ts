import type { JSONSchema } from 'json-schema-to-ts';

/*
 * fast-json-stringify writes only the properties a schema names and coerces each to its declared
 * type (a number given for a string is written as a string, a string given for a number throws).
 * So a schema declares a field's type only where the handler guarantees it (a typed column, a value
 * it builds itself); any other value is `anyValue` (written by JSON.stringify, unchanged), and an
 * object whose keys are not fixed is an `openObject`. `nullable: true` rather than a type list:
 * fast-json-stringify writes a one-type field several times faster than one of a list of types.
 */

/** A string or null. */
export const textOrNull = { type: 'string', nullable: true } as const;
/** A number or null (never `integer`: that one truncates a float). */
export const numberOrNull = { type: 'number', nullable: true } as const;
/** Any JSON value, written as JSON.stringify writes it. */
export const anyValue = {} as const;
/** An object with keys of its own (each value written as JSON.stringify writes it). */
export const openObject = { type: 'object', additionalProperties: true } as const;
/** A list of objects built by the handler with exactly the given fields. */
export function listOf<const Item extends JSONSchema>(item: Item) {
  return { type: 'array', items: item } as const;
}
/** An object keyed by names (metric, variant, task id) whose values have one schema. */
export function mapOf<const Value extends JSONSchema>(value: Value) {
  return { type: 'object', additionalProperties: value } as const;
}

/** The ClearML envelope around an endpoint's `data` schema, for fast-json-stringify. */
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
