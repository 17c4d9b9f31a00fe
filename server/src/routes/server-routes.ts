import { createHmac, randomBytes } from 'node:crypto';
import { API_VERSION, SERVER_VERSION } from './envelope';
import { endpoint, object } from './endpoint';

/** What this server adds to the ClearML contract; clients must work without them. */
export const CAPABILITIES = {
  scalar_histogram_envelope: true, // y_min, y_max and total per histogram series
  scalar_histogram_x_range: true, // x_range in multi_task_scalar_metrics_iter_histogram
  debug_images_iteration: true, // iteration in an events.debug_images metrics item
  max_tasks_per_call: 100,
  max_histogram_samples: 6000,
};

const secret = randomBytes(32);

function base64url(value: object | Buffer): string {
  const buffer = Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value));
  return buffer.toString('base64url');
}

/** A JWT of the form the ClearML SDK decodes (without checking the signature). */
function token(user: string): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url({ alg: 'HS256', typ: 'JWT' });
  const payload = base64url({
    identity: { user, user_name: user, company: 'local', company_name: 'local', role: 'user' },
    api_version: API_VERSION,
    server_version: SERVER_VERSION,
    server_build: '',
    feature_set: 'basic',
    env: 'local',
    iat: now,
    exp: now + 30 * 24 * 3600,
  });
  const signature = base64url(createHmac('sha256', secret).update(`${header}.${payload}`).digest());
  return `${header}.${payload}.${signature}`;
}

export const serverEndpoints = [
  endpoint({
    name: 'server.info',
    body: object({}),
    handler: () => ({
      version: SERVER_VERSION,
      api_version: API_VERSION,
      server_version: SERVER_VERSION,
      build: '',
      commit: '',
      capabilities: CAPABILITIES,
    }),
  }),
  endpoint({
    name: 'auth.login',
    body: object({ expiration_sec: { type: 'integer' } }),
    handler: (_body, { request }) => {
      const header = request.headers.authorization ?? '';
      let user = 'local';
      if (header.startsWith('Basic ')) {
        const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
        user = decoded.split(':')[0] || user;
      }
      return { token: token(user) };
    },
  }),
];
