import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './envelope';

/** API requests held at once (read, waiting for the event loop, being answered) before more are refused. */
export const DEFAULT_MAX_QUEUE = 64;
/** Seconds a refused client is told to wait. */
export const RETRY_AFTER_SEC = 1;
/** Endpoints always answered: a health check must tell "busy" from "down". */
const NEVER_SHED = new Set(['server.info']);

export interface LoadState {
  readonly maxQueue: number;
  /** API requests whose body is read and whose answer is not yet written. */
  inFlight: number;
  /** Requests refused with 503 since start. */
  shed: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    load: LoadState;
  }
}

/**
 * Sheds load: an API request arriving while `maxQueue` others are held is answered 503 with
 * `Retry-After`, at once (before its body is read) when the queue is full then, or once its body is
 * read. SQLite calls are synchronous, so the queue is the event loop: a request counts from its
 * body being read (preValidation: it can then be computed) until its answer is written or its
 * connection closes. A client sending its body slowly holds no place. Without a bound, each added
 * client adds its whole computation to every other client's wait.
 */
export function registerLoadShedding(app: FastifyInstance, maxQueue = DEFAULT_MAX_QUEUE) {
  const load: LoadState = { maxQueue, inFlight: 0, shed: 0 };
  app.decorate('load', load);
  const sheddable = (request: FastifyRequest) => {
    const endpoint = request.routeOptions.config?.endpoint;
    return endpoint !== undefined && !NEVER_SHED.has(endpoint);
  };
  const refuse = (request: FastifyRequest, reply: FastifyReply) => {
    load.shed++;
    reply.header('retry-after', String(RETRY_AFTER_SEC));
    return sendError(
      request,
      reply,
      503,
      0,
      `Server busy: ${load.inFlight} requests in progress (at most ${maxQueue}); retry after ${RETRY_AFTER_SEC} s`,
      {
        max_queue: maxQueue,
        retry_after: RETRY_AFTER_SEC,
      },
    );
  };
  app.addHook('onRequest', async (request, reply) => {
    if (sheddable(request) && load.inFlight >= maxQueue) return refuse(request, reply);
  });
  app.addHook('preValidation', async (request, reply) => {
    if (!sheddable(request)) return;
    if (load.inFlight >= maxQueue) return refuse(request, reply);
    load.inFlight++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      load.inFlight--;
    };
    reply.raw.once('finish', release);
    reply.raw.once('close', release);
  });
}
