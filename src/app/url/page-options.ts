import { customOption, numberOption } from './view-options';

const refreshSeconds = numberOption('refresh', 0.5, 3600, 10, '10 s');

/** Options of the compare page itself, kept on every view (and by an embed). */
export const PAGE_OPTIONS = {
  /** Auto-refresh while a compared task runs: on unless `live=off`. */
  live: customOption(
    'live',
    (raw) => raw !== 'off',
    (on: boolean) => (on ? null : 'off'),
    {
      test: (raw) => raw === 'on' || raw === 'off',
      fallback: 'auto-refresh on',
    },
  ),
  /** Seconds between checks, as written (the live-update rule bounds it). */
  refresh: customOption(
    'refresh',
    (raw) => raw,
    (raw: string | null) => raw,
    refreshSeconds.check,
  ),
};

/** Options of the embed page: `theme=light|dark` draws it in that theme whatever the viewer's setting. */
export const EMBED_PAGE_OPTIONS = {
  theme: customOption(
    'theme',
    (raw): 'light' | 'dark' | null => (raw === 'light' || raw === 'dark' ? raw : null),
    (theme) => theme,
  ),
};
