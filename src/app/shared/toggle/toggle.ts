import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatSlideToggle } from '@angular/material/slide-toggle';

/**
 * Material's slide toggle, loaded once the page is idle: with the forms code it needs it is about
 * 50 kB that a page's first view does not need to draw. Until then a look-alike of the same size
 * and markup (a switch button and its label) stands in; it shows the state and already works, so a
 * click before the toggle loads is not lost.
 */
@Component({
  selector: 'app-toggle',
  imports: [MatSlideToggle],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @defer (on idle) {
      <mat-slide-toggle [checked]="checked()" (change)="changed.emit($event.checked)" [attr.data-testid]="testId()">{{
        label()
      }}</mat-slide-toggle>
    } @placeholder {
      <span class="look-alike" [class.on]="checked()" [attr.data-testid]="testId()">
        <button
          type="button"
          role="switch"
          class="track"
          [attr.aria-checked]="checked()"
          [attr.aria-label]="label()"
          (click)="changed.emit(!checked())"
          ><span class="handle"></span
        ></button>
        <span class="label" aria-hidden="true" (click)="changed.emit(!checked())">{{ label() }}</span>
      </span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    /* Material's slide toggle (unselected / selected) in its design tokens. */
    .look-alike {
      display: inline-flex;
      align-items: center;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface);
    }
    .track {
      position: relative;
      box-sizing: border-box;
      width: 52px;
      height: 32px;
      margin: 0;
      padding: 0;
      border-radius: 16px;
      border: 2px solid var(--mat-sys-outline);
      background: var(--mat-sys-surface-container-highest);
      cursor: pointer;
    }
    .handle {
      position: absolute;
      top: 50%;
      left: 2px;
      width: 24px;
      height: 24px;
      border-radius: 50%;
      transform: translateY(-50%);
      background: var(--mat-sys-outline);
    }
    .on .track {
      border-color: var(--mat-sys-primary);
      background: var(--mat-sys-primary);
    }
    .on .handle {
      left: auto;
      right: 2px;
      background: var(--mat-sys-on-primary);
    }
    .label {
      cursor: pointer;
      padding-left: 4px;
      letter-spacing: var(--mat-sys-body-medium-tracking);
    }
  `,
})
export class Toggle {
  readonly checked = input(false);
  readonly label = input.required<string>();
  /** The toggle's `data-testid`, on the toggle element itself (as it was on mat-slide-toggle). */
  readonly testId = input<string | null>(null);
  readonly changed = output<boolean>();
}
