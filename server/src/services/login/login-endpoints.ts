import { endpoint, object } from '../../http/endpoint';

/** `login.*` (schema/services/login.conf): what ClearML's web app asks when it starts. */
export const loginEndpoints = [
  endpoint({
    name: 'login.supported_modes',
    body: object({}),
    response: object({
      basic: object({ enabled: { type: 'boolean' }, guest: object({ enabled: { type: 'boolean' } }) }),
      sso: { type: 'object', additionalProperties: true },
      sso_providers: { type: 'array' },
      server_errors: object({ missed_es_upgrade: { type: 'boolean' }, es_connection_error: { type: 'boolean' } }),
      authenticated: { type: 'boolean' },
    }),
    // No user/password or SSO sign-in here: access keys only (auth.login).
    handler: (_body, { request }) => ({
      basic: { enabled: false, guest: { enabled: false } },
      sso: {},
      sso_providers: [],
      server_errors: { missed_es_upgrade: false, es_connection_error: false },
      authenticated: !request.server.auth.required || /^(bearer|basic) /i.test(request.headers.authorization ?? ''),
    }),
  }),
];
