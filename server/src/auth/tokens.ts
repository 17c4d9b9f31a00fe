import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_VERSION, SERVER_VERSION } from '../http/envelope';

/** Default token lifetime, and the bounds `auth.login {expiration_sec}` is clamped to. */
export const TOKEN_TTL_SEC = 24 * 3600;
export const MIN_TOKEN_TTL_SEC = 60;
export const MAX_TOKEN_TTL_SEC = 30 * 24 * 3600;

export interface TokenClaims {
  identity: { user: string; user_name: string; company: string; company_name: string; role: string };
  api_version: string;
  server_version: string;
  server_build: string;
  feature_set: string;
  env: string;
  iat: number;
  exp: number;
}

function base64url(value: object | Buffer): string {
  const buffer = Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value));
  return buffer.toString('base64url');
}

const HEADER = base64url({ alg: 'HS256', typ: 'JWT' });

/**
 * Signs and checks HS256 JWTs of the form the ClearML SDK decodes (it reads api_version,
 * server_version, feature_set and exp without checking the signature). The signing key is new
 * for every server process, so tokens end with it.
 */
export class TokenSigner {
  constructor(
    private readonly key: Buffer = randomBytes(32),
    private readonly nowSec: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  private signature(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }

  sign(user: string, ttlSec: number = TOKEN_TTL_SEC): string {
    const now = this.nowSec();
    const ttl = Math.min(MAX_TOKEN_TTL_SEC, Math.max(MIN_TOKEN_TTL_SEC, Math.floor(ttlSec)));
    const claims: TokenClaims = {
      identity: { user, user_name: user, company: 'local', company_name: 'local', role: 'user' },
      api_version: API_VERSION,
      server_version: SERVER_VERSION,
      server_build: '',
      feature_set: 'basic',
      env: 'local',
      iat: now,
      exp: now + ttl,
    };
    const payload = base64url(claims);
    return `${HEADER}.${payload}.${this.signature(`${HEADER}.${payload}`)}`;
  }

  /** The claims of a token this signer made and that has not expired; null otherwise. */
  verify(token: string): TokenClaims | null {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return null;
    const expected = Buffer.from(this.signature(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as TokenClaims;
      return typeof claims.exp === 'number' && claims.exp > this.nowSec() ? claims : null;
    } catch {
      return null;
    }
  }
}
