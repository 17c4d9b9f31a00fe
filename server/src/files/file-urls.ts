import type { FastifyRequest } from 'fastify';

/**
 * URLs of files this server stores (`/files/...`, as the demo data and relative uploads keep them)
 * made absolute on the origin the request came to: ClearML's web app parses event URLs with
 * `new URL(...)`, which refuses a path alone. Other URLs are returned as they are.
 */
export function filesUrlResolver(request: FastifyRequest): (url: string) => string {
  const host = request.headers.host;
  if (!host) return (url) => url;
  const origin = `${request.protocol}://${host}`;
  return (url) => (url.startsWith('/files/') ? `${origin}${url}` : url);
}
