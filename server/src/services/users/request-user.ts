import type { FastifyRequest } from 'fastify';

/** The user a request speaks for: its token's identity, its Basic access key, or `local`. */
export function requestUser(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  if (/^bearer /i.test(header)) {
    try {
      const payload = JSON.parse(Buffer.from(header.slice(7).trim().split('.')[1] ?? '', 'base64url').toString('utf8'));
      if (typeof payload?.identity?.user === 'string' && payload.identity.user) return payload.identity.user;
    } catch {
      // not a token of this server: the default user
    }
  }
  if (/^basic /i.test(header)) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const access = decoded.split(':')[0];
    if (access) return access;
  }
  return 'local';
}
