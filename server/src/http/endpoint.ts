import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { Repositories } from '../db/repositories';
import type { Notices } from './notices';
import { rawSuccess, RawJson, success } from './envelope';
import { LIMITS } from './limits';
import { ReadCoalescer, readKey } from './read-coalescing';
import { envelopeSchema } from './response-schema';

export interface EndpointContext {
  repos: Repositories;
  request: FastifyRequest;
  filesDir: string;
  /** Tells the operator once about something sent that is not stored. */
  notices: Notices;
  /** Answers as a plain clearml-server does: no capabilities, the extensions ignored. */
  plainClearml: boolean;
}

/**
 * One ClearML action, `<service>.<action>`, with its body schema: a plain JSON object (`as const`)
 * that AJV validates at run time and from which the handler's body type is derived at compile time.
 */
export interface TypedEndpoint<BodySchema extends JSONSchema, Body> {
  name: string;
  body: BodySchema;
  /** The schema of `data` in a 200 answer (see response-schema.ts). */
  response?: JSONSchema;
  /**
   * false where fast-json-stringify writes this answer slower than JSON.stringify
   * (bench/lib/list-answers.ts): the schema still describes the answer, and is used only when the
   * app is built with `responseSchemas: 'all'`.
   */
  serialiseBySchema?: boolean;
  bodyLimit?: number;
  /** An expensive read: identical calls in flight share one computation (read-coalescing.ts). */
  coalesce?: boolean;
  handler(body: Body, context: EndpointContext): unknown;
}

/** An endpoint as registered: its body has passed its schema before the handler is called. */
export interface Endpoint {
  name: string;
  body: JSONSchema;
  /** The schema of `data` in a 200 answer (see response-schema.ts). */
  response?: JSONSchema;
  serialiseBySchema?: boolean;
  bodyLimit?: number;
  coalesce?: boolean;
  handler(body: unknown, context: EndpointContext): unknown;
}

/**
 * Types a handler's body from its schema (leave the handler's body parameter unannotated).
 * `Body` is a type parameter defaulted to `FromSchema<BodySchema>` rather than written in the
 * handler's signature: there, the compiler would expand FromSchema over every possible schema
 * while inferring the schema, and give up ("instantiation excessively deep").
 */
export function endpoint<const BodySchema extends JSONSchema, Body = FromSchema<BodySchema>>(
  definition: TypedEndpoint<BodySchema, Body>,
): Endpoint {
  return definition as unknown as Endpoint;
}

declare module 'fastify' {
  interface FastifyInstance {
    reads: ReadCoalescer;
  }
}

/** Which response schemas serialise answers: those that pay (true), every one ('all'), or none. */
export type ResponseSchemas = boolean | 'all';

/**
 * Serves each endpoint at `/api/<name>` and `/api/v<major>.<minor>/<name>`, by POST or by GET with
 * a JSON body (as the ClearML SDK sends it).
 */
export function registerEndpoints(
  app: FastifyInstance,
  endpoints: readonly Endpoint[],
  context: Omit<EndpointContext, 'request'>,
  { responseSchemas = true }: { responseSchemas?: ResponseSchemas } = {},
) {
  const reads = new ReadCoalescer(() => context.repos.dataVersion());
  app.decorate('reads', reads);
  for (const e of endpoints) {
    const response = e.response && (responseSchemas === 'all' || (responseSchemas && e.serialiseBySchema !== false)) ? e.response : null;
    for (const url of [`/api/${e.name}`, `/api/:version/${e.name}`]) {
      app.route({
        method: ['GET', 'POST'],
        exposeHeadRoute: false,
        url,
        bodyLimit: e.bodyLimit ?? LIMITS.bodyBytes,
        config: { endpoint: e.name },
        schema: { body: e.body, ...(response ? { response: { 200: envelopeSchema(response) } } : {}) },
        preValidation: async (request: FastifyRequest) => {
          const version = (request.params as { version?: string }).version;
          if (version !== undefined && !/^v\d+(\.\d+)?$/.test(version)) {
            const error = new Error(`Unknown endpoint: ${request.url}`) as Error & { statusCode: number };
            error.statusCode = 404;
            throw error;
          }
          if (request.body === undefined || request.body === null) request.body = {};
        },
        handler: async (request, reply) => {
          const compute = () => e.handler(request.body, { ...context, request });
          const data = e.coalesce
            ? await reads.run(readKey(e.name, request.headers.authorization ?? '', request.body), compute)
            : await compute();
          if (!(data instanceof RawJson)) return success(request, data ?? {});
          // Pre-serialised answers are joined into one buffer, never decoded into a string: one copy
          // of the bytes costs less than streaming a few hundred pieces (a 1.5 MB 100-task chart is
          // 100 cached series and ~300 small pieces between them).
          const answer = Buffer.concat(rawSuccess(request, data));
          reply.type('application/json; charset=utf-8');
          return reply.send(answer);
        },
      });
    }
  }
}

/** Schema helpers. */
export const idString = { type: 'string', minLength: 1, maxLength: LIMITS.idLength } as const;
export const stringArray = { type: 'array', items: { type: 'string', maxLength: LIMITS.nameLength } } as const;
/** A filter given as one value or a list of them. */
export const oneOrMany = { anyOf: [stringArray, { type: 'string' }] } as const;
export const taskIdList = { type: 'array', items: idString, minItems: 1 } as const;
export function object<
  const Properties extends Record<string, JSONSchema>,
  const Required extends readonly (keyof Properties & string)[] = [],
>(properties: Properties, required?: Required) {
  return { type: 'object', properties, required: required ?? ([] as const) } as const;
}
