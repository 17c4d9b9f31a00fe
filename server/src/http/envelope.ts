import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../api-error';
import { queryApiError } from './query-errors';

export const API_VERSION = '2.31';
export const SERVER_VERSION = '1.0.0';
const MAX_MESSAGE = 1000;

declare module 'fastify' {
  interface FastifyContextConfig {
    endpoint?: string;
  }
}

interface Meta {
  id: string;
  trx: string;
  endpoint: { name: string; requested_version: string; actual_version: string };
  result_code: number;
  result_subcode: number;
  result_msg: string;
  error_stack: string | null;
  error_data: Record<string, unknown>;
}

function endpointOf(request: FastifyRequest): { name: string; requested: string } {
  const configured = request.routeOptions.config?.endpoint;
  const version = (request.params as { version?: string } | undefined)?.version;
  let name = configured ?? '';
  if (!configured) {
    const match = /^\/api\/(?:v[^/]*\/)?([^/?]+)/.exec(request.url);
    name = match ? match[1] : request.url.split('?')[0];
  }
  return { name, requested: version ? version.replace(/^v/, '') : API_VERSION };
}

function meta(request: FastifyRequest, code: number, subcode: number, message: string, errorData: Record<string, unknown>): Meta {
  const { name, requested } = endpointOf(request);
  const id = randomUUID().replace(/-/g, '');
  return {
    id,
    trx: id,
    endpoint: { name, requested_version: requested, actual_version: API_VERSION },
    result_code: code,
    result_subcode: subcode,
    result_msg: message,
    error_stack: null,
    error_data: errorData,
  };
}

/**
 * A handler's `data` already serialised: UTF-8 JSON text in pieces, concatenated as they are
 * (large answers assembled from cached parts, sent without building and encoding one big string).
 */
export class RawJson {
  constructor(readonly parts: readonly (string | Buffer)[]) {}
}

export function success(request: FastifyRequest, data: unknown) {
  return { meta: meta(request, 200, 0, 'OK', {}), data };
}

/** The success envelope around pre-serialised data, as UTF-8 pieces to write one after another. */
export function rawSuccess(request: FastifyRequest, data: RawJson): Buffer[] {
  const parts = [`{"meta":${JSON.stringify(meta(request, 200, 0, 'OK', {}))},"data":`, ...data.parts, '}'];
  return parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part));
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  subcode: number,
  message: string,
  errorData: Record<string, unknown> = {},
) {
  // Messages quote what was sent; a huge value is cut so the answer stays small.
  if (message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE - 3)}...`;
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ meta: meta(request, status, subcode, message, errorData), data: {} });
}

/** The one place where errors become the ClearML envelope. */
export function errorHandler(error: FastifyError | ApiError, request: FastifyRequest, reply: FastifyReply) {
  error = queryApiError(error) ?? error;
  if (error instanceof ApiError) {
    return sendError(request, reply, error.statusCode, error.subcode, error.message, error.errorData);
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return sendError(request, reply, 400, 12, `Validation error: ${fastifyError.message}`, {
      field: fastifyError.validation[0]?.instancePath || fastifyError.validation[0]?.params,
    });
  }
  const status = fastifyError.statusCode ?? 500;
  if (status === 413) {
    const limit = request.routeOptions.bodyLimit;
    const most = limit ? ` (at most ${limit} bytes)` : '';
    return sendError(
      request,
      reply,
      413,
      0,
      `Request body is too large${most}: ${fastifyError.message}`,
      limit ? { max_bytes: limit } : {},
    );
  }
  if (
    fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    error instanceof SyntaxError
  ) {
    return sendError(request, reply, 400, 12, `Validation error: body is not valid JSON (${fastifyError.message})`);
  }
  if (status >= 400 && status < 500) {
    return sendError(request, reply, status, 0, fastifyError.message);
  }
  request.log.error(error);
  return sendError(request, reply, 500, 0, `Internal server error: ${fastifyError.message}`);
}
