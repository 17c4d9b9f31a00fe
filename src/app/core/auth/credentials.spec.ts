import { basicAuthorization, isApiUrl, isLoginUrl, tokenCookie, tokenExpiry } from './credentials';

function jwt(payload: object): string {
  const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${b64({ alg: 'HS256' })}.${b64(payload)}.sig`;
}

describe('sign-in credentials', () => {
  it('encodes Basic authorization as UTF-8, secrets with colons included', () => {
    expect(basicAuthorization('key', 'se:cret')).toBe(`Basic ${btoa('key:se:cret')}`);
    expect(basicAuthorization('ключ', 'пароль')).toBe('Basic 0LrQu9GO0Yc60L/QsNGA0L7Qu9GM');
  });

  it('sends the token only to the API, never with auth.login itself', () => {
    expect(isApiUrl('/api/v2.31/tasks.get_all', '/api')).toBeTrue();
    expect(isApiUrl('/api', '/api')).toBeTrue();
    expect(isApiUrl('/apix/tasks', '/api')).toBeFalse();
    expect(isApiUrl('config.json', '/api')).toBeFalse();
    expect(isApiUrl('https://other.example/api/x', '/api')).toBeFalse();
    expect(isLoginUrl('/api/v2.31/auth.login')).toBeTrue();
    expect(isLoginUrl('/api/v2.31/tasks.get_all')).toBeFalse();
  });

  it('reads the expiry of a token and writes a /files cookie that ends with it', () => {
    const token = jwt({ exp: 2000, iat: 1000 });
    expect(tokenExpiry(token)).toBe(2000);
    expect(tokenExpiry('garbage')).toBeNull();
    expect(tokenExpiry('a.!!!.c')).toBeNull();
    const cookie = tokenCookie(token, false, 1500);
    expect(cookie).toContain(`compare_token=${encodeURIComponent(token)}`);
    expect(cookie).toContain('Path=/files');
    expect(cookie).toContain('Max-Age=500');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain('Secure');
    expect(tokenCookie(token, true, 1500)).toContain('; Secure');
    expect(tokenCookie(null, false, 0)).toContain('Max-Age=0');
  });
});
