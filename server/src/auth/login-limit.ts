import { LRUCache } from 'lru-cache';
import { ApiError } from '../api-error';

export interface LoginLimitOptions {
  /** Wrong secrets a client address may send in a window before it must wait (default 10). */
  maxFailures?: number;
  /** Wrong secrets for one access key, from all addresses together, before the key is held (default 50). */
  maxKeyFailures?: number;
  /** The window, in milliseconds (default one minute). */
  windowMs?: number;
  /** Milliseconds now; tests pass a clock. */
  now?: () => number;
}

interface Window {
  failures: number;
  since: number;
}

/** Client addresses remembered (the least recently seen are forgotten first). */
const MAX_ADDRESSES = 10_000;
/** How long an address that signed in with a key keeps signing in while that key is held. */
const TRUSTED_MS = 30 * 24 * 3600 * 1000;

export class TooManyAttempts extends ApiError {
  constructor(
    readonly retryAfterSec: number,
    what: string,
  ) {
    super(429, 0, `Too many failed sign-ins ${what}: try again in ${retryAfterSec} s`, { retry_after_sec: retryAfterSec });
  }
}

/**
 * Counts wrong secrets (auth.login and Basic authorization) so they cannot be guessed at speed:
 * - per client address: after `maxFailures` in a window, every attempt from that address is
 *   answered 429 (with Retry-After) until the window ends, right secret or not;
 * - per access key: after `maxKeyFailures` from all addresses together, the key is held for the
 *   rest of the window, except for addresses that signed in with it before (its users go on).
 * A client whose own attempts are right is not slowed by someone else's wrong ones. Memory is
 * bounded: addresses in an LRU of 10,000, access keys only those configured.
 */
export class LoginLimit {
  private readonly maxFailures: number;
  private readonly maxKeyFailures: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly byAddress: LRUCache<string, Window>;
  private readonly byKey = new Map<string, Window>();
  private readonly trusted: LRUCache<string, number>;

  constructor(
    private readonly isKnownKey: (access: string) => boolean,
    options: LoginLimitOptions = {},
  ) {
    this.maxFailures = options.maxFailures ?? 10;
    this.maxKeyFailures = options.maxKeyFailures ?? this.maxFailures * 5;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.byAddress = new LRUCache({ max: MAX_ADDRESSES });
    this.trusted = new LRUCache({ max: MAX_ADDRESSES });
  }

  private current(window: Window | undefined): Window | undefined {
    return window && this.now() - window.since < this.windowMs ? window : undefined;
  }

  private wait(window: Window): number {
    return Math.max(1, Math.ceil((window.since + this.windowMs - this.now()) / 1000));
  }

  /** Throws TooManyAttempts when `address` (or `access` for this address) must wait. */
  assertAllowed(address: string, access: string): void {
    const own = this.current(this.byAddress.get(address));
    if (own && own.failures >= this.maxFailures) throw new TooManyAttempts(this.wait(own), 'from this address');
    const key = this.current(this.byKey.get(access));
    const signedIn = this.trusted.get(`${address}\n${access}`);
    const isTrusted = signedIn !== undefined && this.now() - signedIn < TRUSTED_MS;
    if (key && key.failures >= this.maxKeyFailures && !isTrusted) {
      throw new TooManyAttempts(this.wait(key), 'for this access key');
    }
  }

  failed(address: string, access: string): void {
    const bump = (map: { get(k: string): Window | undefined; set(k: string, v: Window): unknown }, id: string) => {
      const window = this.current(map.get(id));
      if (window) window.failures++;
      map.set(id, window ?? { failures: 1, since: this.now() });
    };
    bump(this.byAddress, address);
    if (this.isKnownKey(access)) bump(this.byKey, access);
  }

  succeeded(address: string, access: string): void {
    this.trusted.set(`${address}\n${access}`, this.now());
  }
}
