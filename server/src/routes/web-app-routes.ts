import type { FastifyRequest } from 'fastify';
import { ApiError } from '../api-error';
import { endpoint, object, stringArray } from './endpoint';

/**
 * Endpoints ClearML's own web app calls when it starts, answered in the shapes of clearml-server's
 * schema (schema/services/login.conf, server.conf, users.conf, projects.conf, organization.conf).
 */

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

/** Every key of an object, at any depth (users.set_preferences refuses some; services/users.py). */
function* keysOf(value: unknown): Generator<string> {
  if (Array.isArray(value)) for (const item of value) yield* keysOf(item);
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      yield key;
      yield* keysOf(inner);
    }
  }
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export const webAppEndpoints = [
  endpoint({
    name: 'login.supported_modes',
    body: object({}),
    // No user/password or SSO sign-in here: access keys only (auth.login).
    handler: (_body, { request }) => ({
      basic: { enabled: false, guest: { enabled: false } },
      sso: {},
      sso_providers: [],
      server_errors: { missed_es_upgrade: false, es_connection_error: false },
      authenticated: !request.server.auth.required || /^(bearer|basic) /i.test(request.headers.authorization ?? ''),
    }),
  }),
  endpoint<{ enabled?: boolean | null }>({
    name: 'server.report_stats_option',
    body: object({ enabled: { type: ['boolean', 'null'] } }),
    // This server reports no statistics anywhere (clearml-server answers so when its reporter is off).
    handler: () => ({ supported: false }),
  }),
  endpoint({
    name: 'users.get_preferences',
    body: object({}),
    handler: (_body, { repos, request }) => ({ preferences: repos.preferences.get(requestUser(request)) }),
  }),
  endpoint<{ preferences: Record<string, unknown> }>({
    name: 'users.set_preferences',
    body: object({ preferences: { type: 'object' } }, ['preferences']),
    handler: ({ preferences }, { repos, request }) => {
      for (const key of keysOf(preferences)) {
        if (key.startsWith('$') || key.includes('.')) {
          throw new ApiError(400, 16, `invalid value for fields (Key ${key} is invalid. Keys cannot start with '$' or contain '.'.)`);
        }
      }
      const user = requestUser(request);
      return repos.transaction(() => {
        const base = repos.preferences.get(user);
        const next = { ...base, ...preferences };
        if (isDeepEqual(next, base)) return { updated: 0, fields: {} };
        repos.preferences.set(user, next);
        return { updated: 1, fields: { preferences: next } };
      });
    },
  }),
  endpoint<{ projects?: string[]; entity?: 'task' | 'model' }>({
    name: 'projects.get_user_names',
    body: object({ projects: stringArray, include_subprojects: { type: 'boolean' }, entity: { type: 'string', enum: ['task', 'model'] } }),
    // Models here carry no user: only tasks have creators to list.
    handler: ({ projects, entity }, { repos }) => ({ users: entity === 'model' ? [] : repos.projects.taskUsers(projects ?? null) }),
  }),
  endpoint<{ include_system?: boolean }>({
    name: 'organization.get_tags',
    body: object({
      include_system: { type: 'boolean' },
      filter: object({ tags: { type: 'array', items: { type: ['string', 'null'] } }, system_tags: { type: 'array', items: { type: ['string', 'null'] } } }),
    }),
    handler: ({ include_system }, { repos }) => {
      const { tags, system_tags } = repos.projects.taskTags(null);
      return include_system ? { tags, system_tags } : { tags };
    },
  }),
];


