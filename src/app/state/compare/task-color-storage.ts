import { DOCUMENT, Injectable, inject } from '@angular/core';

const STORAGE_KEY = 'compare-tasks.task-colors';
const COLOR = /^#[0-9a-f]{6}$/i;

/** Task colours a person picked, kept in this browser (like the theme), read defensively. */
@Injectable({ providedIn: 'root' })
export class TaskColorStorage {
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage ?? null;

  read(): Record<string, string> {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(STORAGE_KEY) ?? '{}');
      if (!parsed || typeof parsed !== 'object') return {};
      return Object.fromEntries(
        Object.entries(parsed as Record<string, unknown>).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string' && COLOR.test(entry[1]),
        ),
      );
    } catch {
      return {};
    }
  }

  write(colors: Record<string, string>): void {
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify(colors));
    } catch {
      // Storage full or disabled: the choice lasts for this page only.
    }
  }
}
