import { WritableSignal, linkedSignal } from '@angular/core';

/** The text of a box whose value is written to the URL and read back from it. */
export interface UrlText {
  /** What the box shows: what was typed, or the URL's value when that changes from elsewhere. */
  readonly text: WritableSignal<string>;
  /** Call when a value typed in the box is written to the URL. */
  sent(value: string): void;
}

/**
 * A search box bound to a URL option (`source`). Each value the box sends comes back through the
 * URL a moment later; by then more may have been typed, so a value coming back that the box sent
 * (the oldest not back yet, or a later one) is no news and leaves the text as typed. Any other
 * value (a link, the back and forward buttons, a reset) replaces the text.
 */
export function urlText(source: () => string): UrlText {
  /** Values sent and not yet back, oldest first. */
  const pending: string[] = [];
  const text = linkedSignal<string, string>({
    source,
    computation: (value, previous) => {
      const back = pending.indexOf(value);
      if (previous === undefined || back < 0) {
        pending.length = 0;
        return value;
      }
      pending.splice(0, back + 1);
      return previous.value;
    },
  });
  return {
    text,
    sent: (value) => {
      pending.push(value);
    },
  };
}
