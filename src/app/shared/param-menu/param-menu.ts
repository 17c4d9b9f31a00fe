import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, TemplateRef, contentChild, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';

/** A parameter in the menu's checkbox list. */
export interface ParamMenuItem {
  id: string;
  label: string;
  checked: boolean;
  disabled?: boolean;
}

/**
 * A button opening a menu with a checkbox list of parameters, between the caller's own parts
 * (`<ng-template #top>` and `<ng-template #bottom>` as content). Clicks and keys inside the menu
 * do not close it; Escape does. Emits each tick and untick.
 */
@Component({
  selector: 'app-param-menu',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCheckboxModule, MatIconModule, MatMenuModule, NgTemplateOutlet],
  template: `
    <button mat-stroked-button type="button" [matMenuTriggerFor]="menu" [attr.data-testid]="testId()">
      <mat-icon>{{ icon() }}</mat-icon> {{ label() }}
    </button>
    <mat-menu #menu="matMenu" class="param-menu">
      <ng-template matMenuContent>
        <div
          class="panel"
          (click)="$event.stopPropagation()"
          (keydown)="$event.key === 'Escape' || $event.stopPropagation()"
          role="group"
          [attr.aria-label]="menuLabel()"
        >
          <ng-container [ngTemplateOutlet]="top() ?? null" />
          @if (items(); as items) {
            <div class="list" [attr.role]="listLabel() ? 'group' : null" [attr.aria-label]="listLabel()">
              @if (listHeading()) {
                <span class="heading">{{ listHeading() }}</span>
              }
              @for (item of items; track item.id) {
                <mat-checkbox
                  [checked]="item.checked"
                  [disabled]="item.disabled ?? false"
                  (change)="toggled.emit({ id: item.id, on: $event.checked })"
                  >{{ item.label }}</mat-checkbox
                >
              } @empty {
                @if (emptyText()) {
                  <p class="note">{{ emptyText() }}</p>
                }
              }
            </div>
          }
          <ng-container [ngTemplateOutlet]="bottom() ?? null" />
        </div>
      </ng-template>
    </mat-menu>
  `,
  styles: `
    .panel {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 8px 12px;
      min-width: 240px;
      max-width: 480px;
    }
    .list {
      display: flex;
      flex-direction: column;
      max-height: 300px;
      overflow: auto;
    }
    .heading,
    .note {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
      margin: 4px 0;
    }
  `,
})
export class ParamMenu {
  /** The button's icon (a Material ligature) and text. */
  readonly icon = input.required<string>();
  readonly label = input.required<string>();
  readonly testId = input<string | null>(null);
  /** The menu's accessible name. */
  readonly menuLabel = input.required<string>();
  /** The checkboxes (null: no list). */
  readonly items = input.required<readonly ParamMenuItem[] | null>();
  /** The list's accessible name, a heading above it, and what an empty list says. */
  readonly listLabel = input<string | null>(null);
  readonly listHeading = input<string | null>(null);
  readonly emptyText = input<string | null>(null);
  readonly toggled = output<{ id: string; on: boolean }>();
  protected readonly top = contentChild<TemplateRef<unknown>>('top');
  protected readonly bottom = contentChild<TemplateRef<unknown>>('bottom');
}
