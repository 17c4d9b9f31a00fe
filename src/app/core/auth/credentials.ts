/** Pure helpers of signing in; tested in credentials.spec.ts. */

export const TOKEN_STORAGE_KEY = 'compare.token';
/** The server accepts this cookie on /files, so <img>/<audio>/<video> load with the session. */
export const TOKEN_COOKIE = 'compare_token';

/** `Basic base64(utf8(access:secret))`, for any characters (btoa alone takes Latin-1 only). */
export function basicAuthorization(access: string, secret: string): string {
  const bytes = new TextEncoder().encode(`${access}:${secret}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

/** Whether a request goes to the API at `apiBaseUrl` (and so carries the token). */
export function isApiUrl(url: string, apiBaseUrl: string): boolean {
  return url === apiBaseUrl || url.startsWith(`${apiBaseUrl}/`);
}

export function isLoginUrl(url: string): boolean {
  return /\/auth\.login(\?|$)/.test(url);
}

/** The expiry (epoch seconds) of a JWT, or null when it cannot be read. */
export function tokenExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : null;
  } catch {
    return null;
  }
}

/** The Set-Cookie-like string the app writes for /files (session cookie, same site only). */
export function tokenCookie(token: string | null, secure: boolean, nowSec: number): string {
  if (!token) return `${TOKEN_COOKIE}=; Path=/files; Max-Age=0; SameSite=Strict`;
  const exp = tokenExpiry(token);
  const maxAge = exp === null ? '' : `; Max-Age=${Math.max(0, exp - nowSec)}`;
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/files${maxAge}; SameSite=Strict${secure ? '; Secure' : ''}`;
}
