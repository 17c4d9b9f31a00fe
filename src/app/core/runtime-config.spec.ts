import { DEFAULT_RUNTIME_CONFIG, loadRuntimeConfig, parseRuntimeConfig } from './runtime-config';

describe('runtime config', () => {
  it('reads apiBaseUrl, trimming trailing slashes', () => {
    expect(parseRuntimeConfig({ apiBaseUrl: 'https://clearml.example.com/api/' })).toEqual({
      apiBaseUrl: 'https://clearml.example.com/api',
    });
  });

  it("keeps a relative or root-relative base as it is (the browser resolves it against the app's base href)", () => {
    expect(parseRuntimeConfig({ apiBaseUrl: '/api/' })).toEqual({ apiBaseUrl: '/api' });
    expect(parseRuntimeConfig({ apiBaseUrl: 'api' })).toEqual({ apiBaseUrl: 'api' });
  });

  it('falls back to the default for a missing or wrong value', () => {
    expect(parseRuntimeConfig(null)).toEqual(DEFAULT_RUNTIME_CONFIG);
    expect(parseRuntimeConfig({ apiBaseUrl: 42 })).toEqual(DEFAULT_RUNTIME_CONFIG);
    expect(parseRuntimeConfig({ apiBaseUrl: '  ' })).toEqual(DEFAULT_RUNTIME_CONFIG);
  });

  it('starts with the defaults when config.json is missing or broken', async () => {
    const notFound = (() => Promise.resolve(new Response('nope', { status: 404 }))) as typeof fetch;
    const broken = (() => Promise.resolve(new Response('{not json', { status: 200 }))) as typeof fetch;
    const offline = (() => Promise.reject(new TypeError('offline'))) as typeof fetch;
    const good = (() => Promise.resolve(new Response('{"apiBaseUrl": "/other/api"}'))) as typeof fetch;
    expect(await loadRuntimeConfig(notFound)).toEqual(DEFAULT_RUNTIME_CONFIG);
    expect(await loadRuntimeConfig(broken)).toEqual(DEFAULT_RUNTIME_CONFIG);
    expect(await loadRuntimeConfig(offline)).toEqual(DEFAULT_RUNTIME_CONFIG);
    expect(await loadRuntimeConfig(good)).toEqual({ apiBaseUrl: '/other/api' });
  });
});
