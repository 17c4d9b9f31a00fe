import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatIcon } from '@angular/material/icon';
import { MatMenu, MatMenuContent, MatMenuTrigger } from '@angular/material/menu';

export interface FilterOption {
  value: string;
  label: string;
}

/**
 * A column's filter: the header's button and its menu of checkboxes. The task table loads it once the
 * page is idle (menus, checkboxes and their overlay are a third of the table's code), showing a
 * disabled button of the same look until then.
 */
@Component({
  selector: 'app-task-filter-menu',
  imports: [MatIconButton, MatButton, MatIcon, MatMenu, MatMenuTrigger, MatMenuContent, MatCheckbox],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-icon-button
      type="button"
      class="filter-button"
      [class.active]="selected().length > 0"
      [matMenuTriggerFor]="menu"
      [attr.aria-label]="'Filter by ' + label()"
      [attr.data-testid]="'filter-' + key()"
    >
      <mat-icon>filter_list</mat-icon>
    </button>
    <mat-menu #menu="matMenu" class="filter-menu">
      <ng-template matMenuContent>
        <!-- Keys stay with the checkboxes, except Escape, which closes the menu (and only the menu, in a dialog). -->
        <div
          class="filter-panel"
          (click)="$event.stopPropagation()"
          (keydown)="$event.key === 'Escape' || $event.stopPropagation()"
          role="group"
          [attr.aria-label]="'Filter by ' + label()"
        >
          @for (option of options(); track option.value) {
            <mat-checkbox [checked]="chosen().has(option.value)" (change)="toggle(option.value, $event.checked)">{{
              option.label
            }}</mat-checkbox>
          } @empty {
            <div class="muted">Nothing to filter by.</div>
          }
          <button mat-button type="button" (click)="changed.emit([])" [disabled]="selected().length === 0">Clear</button>
        </div>
      </ng-template>
    </mat-menu>
  `,
  styleUrl: './filter-button.scss',
})
export class TaskFilterMenu {
  /** The filter's name in test ids (`filter-statuses`). */
  readonly key = input.required<string>();
  /** What is filtered, in the button's label ("Filter by status"). */
  readonly label = input.required<string>();
  readonly options = input.required<FilterOption[]>();
  readonly selected = input.required<readonly string[]>();
  /** The values chosen after a change. */
  readonly changed = output<string[]>();

  protected readonly chosen = computed(() => new Set(this.selected()));

  protected toggle(value: string, checked: boolean): void {
    const current = this.selected();
    this.changed.emit(checked ? [...current, value] : current.filter((item) => item !== value));
  }
}
