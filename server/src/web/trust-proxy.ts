import { isIP } from 'node:net';

/** Fastify's trustProxy as `--trust-proxy` sets it: false (none), true (any), or proxy addresses and ranges. */
export type TrustProxy = boolean | string;

/** `--trust-proxy`: true (any), false, or proxy addresses and CIDR ranges separated by commas. */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim();
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  const entries = text.split(',').map((entry) => entry.trim());
  const isAddress = (entry: string) => {
    const [address, prefix, ...rest] = entry.split('/');
    const kind = isIP(address);
    const bits = kind === 4 ? 32 : 128;
    return kind !== 0 && !rest.length && (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits));
  };
  const wrong = entries.filter((entry) => !isAddress(entry) && !['loopback', 'linklocal', 'uniquelocal'].includes(entry));
  if (wrong.length || entries.some((entry) => !entry)) {
    throw new Error(`--trust-proxy must be true or the proxies' addresses (e.g. 127.0.0.1,10.0.0.0/8), got ${JSON.stringify(value)}`);
  }
  return entries.join(',');
}
