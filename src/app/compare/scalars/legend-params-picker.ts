import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { ParamKey } from './differing-params';

/**
 * Which hyperparameters the legend shows beside each task: a button with a checkbox list of the
 * parameters, those that vary most between the tasks first. Emits the picked ids in the list's
 * order, or null for the automatic choice (as many of the most varying as fit).
 */
@Component({
  selector: 'app-legend-params-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCheckboxModule, MatIconModule, MatMenuModule],
  template: `
    <button mat-stroked-button type="button" [matMenuTriggerFor]="menu" data-testid="legend-params-button">
      <mat-icon>tune</mat-icon> Legend parameters ({{ picked() === null ? 'auto' : picked()!.length }})
    </button>
    <mat-menu #menu="matMenu" class="legend-params-menu">
      <ng-template matMenuContent>
        <div
          class="panel"
          (click)="$event.stopPropagation()"
          (keydown)="$event.key === 'Escape' || $event.stopPropagation()"
          role="group"
          aria-label="Parameters shown in the legend"
        >
          <div class="actions">
            <button mat-button type="button" (click)="pickedChange.emit(null)" [disabled]="picked() === null">Automatic</button>
            <button mat-button type="button" (click)="pickedChange.emit([])">None</button>
          </div>
          <div class="list">
            @for (param of params(); track param.id) {
              <mat-checkbox [checked]="shown().has(param.id)" (change)="toggle(param.id, $event.checked)">{{ param.id }}</mat-checkbox>
            } @empty {
              <p class="none">The tasks have no hyperparameters.</p>
            }
          </div>
        </div>
      </ng-template>
    </mat-menu>
  `,
  styles: `
    .panel {
      padding: 8px 12px;
      min-width: 240px;
    }
    .actions {
      display: flex;
      gap: 4px;
      margin-bottom: 4px;
    }
    .list {
      display: flex;
      flex-direction: column;
      max-height: 360px;
      overflow: auto;
    }
    .none {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class LegendParamsPicker {
  /** Every parameter, the most varying first. */
  readonly params = input.required<readonly ParamKey[]>();
  /** The picked ids (null: automatic). */
  readonly picked = input.required<readonly string[] | null>();
  /** What the automatic choice shows now (ticked while nothing is picked). */
  readonly automatic = input.required<readonly string[]>();
  readonly pickedChange = output<string[] | null>();
  protected readonly shown = computed(() => new Set(this.picked() ?? this.automatic()));

  protected toggle(id: string, on: boolean): void {
    const current = this.shown();
    // Ids in the list's order: the legend shows them as ranked.
    this.pickedChange.emit(
      this.params()
        .map((p) => p.id)
        .filter((p) => (p === id ? on : current.has(p))),
    );
  }
}
