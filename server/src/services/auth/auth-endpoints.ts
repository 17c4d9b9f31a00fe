import { endpoint, object } from '../../http/endpoint';

/** `auth.*` (schema/services/auth.conf): tokens for access keys (auth/auth.ts). */
export const authEndpoints = [
  endpoint({
    name: 'auth.login',
    body: object({ expiration_sec: { type: 'integer' } }),
    response: object({ token: { type: 'string' } }),
    // With access keys configured, checks Basic access_key:secret_key; without, any pair is accepted.
    handler: (body, { request }) => request.server.auth.login(request.headers.authorization, body.expiration_sec, request),
  }),
];
