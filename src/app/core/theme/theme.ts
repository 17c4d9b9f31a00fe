import { DOCUMENT, Injectable, computed, effect, inject, signal } from '@angular/core';

export type ThemeMode = 'system' | 'light' | 'dark';
const STORAGE_KEY = 'compare-tasks.theme';

/** Light or dark: follows the system unless the person picks one; the choice is remembered. */
@Injectable({ providedIn: 'root' })
export class Theme {
  private readonly document = inject(DOCUMENT);
  private readonly storage = this.document.defaultView?.localStorage ?? null;
  private readonly systemDark = signal(this.document.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false);

  readonly mode = signal<ThemeMode>(readMode(this.storage?.getItem(STORAGE_KEY)));
  readonly isDark = computed(() => (this.mode() === 'system' ? this.systemDark() : this.mode() === 'dark'));

  constructor() {
    this.document.defaultView
      ?.matchMedia?.('(prefers-color-scheme: dark)')
      .addEventListener('change', (event) => this.systemDark.set(event.matches));
    effect(() => {
      const root = this.document.documentElement;
      const mode = this.mode();
      root.classList.toggle('theme-dark', mode === 'dark');
      root.classList.toggle('theme-light', mode === 'light');
    });
  }

  /** Switches between light and dark, starting from what is shown now. */
  toggle(): void {
    this.set(this.isDark() ? 'light' : 'dark');
  }

  /** Shows `mode` for this page only, without remembering it (an embedded chart given `theme=`). */
  preview(mode: ThemeMode): void {
    this.mode.set(mode);
  }

  set(mode: ThemeMode): void {
    this.mode.set(mode);
    if (mode === 'system') this.storage?.removeItem(STORAGE_KEY);
    else this.storage?.setItem(STORAGE_KEY, mode);
  }
}

function readMode(value: string | null | undefined): ThemeMode {
  return value === 'light' || value === 'dark' ? value : 'system';
}
