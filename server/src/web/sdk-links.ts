import type { FastifyInstance } from 'fastify';

/**
 * Where a link the ClearML SDK prints leads here. `Task.init` prints the task's results page,
 * `<web host>/projects/<project>/experiments/<task>/output/log`; this server shows a task on the
 * compare page, and a project's experiments in the task table.
 */
export function sdkLinkTarget(path: string): string | null {
  const task = /^\/projects\/[^/]+\/experiments\/([0-9a-f]{32})(?:\/.*)?$/.exec(path);
  if (task) return `/compare-tasks;ids=${task[1]}/details`;
  if (/^\/projects(?:\/[^/]+(?:\/experiments)?)?\/?$/.test(path)) return '/tasks';
  return null;
}

/**
 * Redirects the SDK's web links (see sdkLinkTarget) to the app under `basePath`; anything else
 * under /projects is not found.
 */
export function sdkLinkRoutes(app: FastifyInstance, basePath = '/') {
  app.get('/projects/*', (request, reply) => {
    const target = sdkLinkTarget(request.url.split('?')[0]);
    return target ? reply.redirect(basePath + target.slice(1), 302) : reply.callNotFound();
  });
}
