import { ApiError } from '../../api-error';
import { endpoint, object } from '../../http/endpoint';
import { ignoredEndpoint } from '../../http/ignored-endpoint';
import { requestUser } from './request-user';

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

/** `users.*` (schema/services/users.conf): preferences kept per user, one local user. */
export const userEndpoints = [
  endpoint({
    name: 'users.get_current_user',
    body: { type: 'object' },
    handler: () => ({
      user: { id: 'local', name: 'local', company: { id: 'local', name: 'local' }, role: 'user', preferences: {} },
      getting_started: {},
    }),
  }),
  endpoint({
    name: 'users.get_preferences',
    body: object({}),
    handler: (_body, { repos, request }) => ({ preferences: repos.preferences.get(requestUser(request)) }),
  }),
  endpoint({
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
  ignoredEndpoint('users.get_vaults', { vaults: [] }, 'there are no configuration vaults here'),
];
