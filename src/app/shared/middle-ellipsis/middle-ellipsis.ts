import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** Characters kept at the end of a long name at most (names of one sweep differ there). */
const TAIL_CHARS = 18;
/** Where a tail may start: after a space or a separator. */
const BREAK = /[\s_\-/=:,.]/u;
/** Characters always left to the start, so that it shows a letter before its ellipsis. */
const MIN_HEAD = 3;

/**
 * Splits a name into the part that may be cut and the end that stays, so that names sharing a
 * prefix ("resnet18 adam lr=0.001", "… lr=0.003") stay told apart when they do not fit, however
 * short they are. The end is at most `maxTail` characters (code points), starting after a break
 * when the end holds one (the start keeps `MIN_HEAD` characters at least); a name too short to
 * split is all head.
 */
export function splitName(text: string, maxTail = TAIL_CHARS): { head: string; tail: string } {
  const chars = Array.from(text);
  if (chars.length < MIN_HEAD + 3) return { head: text, tail: '' };
  let start = Math.max(MIN_HEAD, chars.length - maxTail);
  for (let i = start; i < chars.length - 3; i++) {
    if (BREAK.test(chars[i - 1])) {
      start = i;
      break;
    }
  }
  return { head: chars.slice(0, start).join(''), tail: chars.slice(start).join('') };
}

/**
 * A one-line name cut in the middle when it does not fit: the start is cut with an ellipsis, the
 * end stays (see `splitName`; in a very narrow box, its last characters). Both parts are the name's own text, so it reads, copies and is
 * found as a whole; the full name is the title. Give the host a width (flex: 1, min-width: 0).
 * The two parts are boxes of their own, which an accessible name computed from the content joins
 * with a space: a link, cell or header that holds one takes the name as its `aria-label`.
 */
@Component({
  selector: 'app-middle-ellipsis',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.title]': 'text()' },
  template: `<span class="head">{{ parts().head }}</span>
    @if (parts().tail) {
      <span class="tail"
        ><span>{{ parts().tail }}</span></span
      >
    }`,
  styles: `
    :host {
      display: inline-flex;
      min-width: 0;
      max-width: 100%;
      white-space: pre;
      overflow: hidden;
      vertical-align: bottom;
    }
    /* The start gives way first, down to a letter and the ellipsis; then the end, from its start
       (it is aligned to its right edge), so its last characters stay in view. */
    .head {
      flex: 0 1000 auto;
      min-width: 1.5em;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .tail {
      display: flex;
      justify-content: flex-end;
      flex: 0 1 auto;
      min-width: 0;
      overflow: hidden;
    }
  `,
})
export class MiddleEllipsis {
  readonly text = input.required<string>();
  protected readonly parts = computed(() => splitName(this.text()));
}
