import { InjectionToken } from '@angular/core';

/** Settings read at start-up from `config.json`, so one build can talk to any compatible server. */
export interface RuntimeConfig {
  apiBaseUrl: string;
}

export const DEFAULT_RUNTIME_CONFIG: RuntimeConfig = { apiBaseUrl: '/api' };

export const RUNTIME_CONFIG = new InjectionToken<RuntimeConfig>('RUNTIME_CONFIG', {
  factory: () => DEFAULT_RUNTIME_CONFIG,
});

export function parseRuntimeConfig(raw: unknown): RuntimeConfig {
  const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const apiBaseUrl =
    typeof value['apiBaseUrl'] === 'string' && value['apiBaseUrl'].trim() !== ''
      ? value['apiBaseUrl'].trim().replace(/\/+$/, '')
      : DEFAULT_RUNTIME_CONFIG.apiBaseUrl;
  return { apiBaseUrl };
}

/** A missing or broken config.json falls back to the defaults instead of a blank page. */
export async function loadRuntimeConfig(fetchFn: typeof fetch): Promise<RuntimeConfig> {
  try {
    const response = await fetchFn('config.json', { cache: 'no-cache' });
    if (!response.ok) return DEFAULT_RUNTIME_CONFIG;
    return parseRuntimeConfig(await response.json());
  } catch {
    return DEFAULT_RUNTIME_CONFIG;
  }
}
