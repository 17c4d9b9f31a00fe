import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { ParamMenu } from '../../shared/param-menu/param-menu';
import { ParamKey } from './differing-params';

/**
 * Which hyperparameters the legend shows beside each task: a button with a checkbox list of the
 * parameters, those that vary most between the tasks first. Emits the picked ids in the list's
 * order, or null for the automatic choice (as many of the most varying as fit).
 */
@Component({
  selector: 'app-legend-params-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, ParamMenu],
  template: `
    <app-param-menu
      icon="tune"
      [label]="buttonLabel()"
      testId="legend-params-button"
      menuLabel="Parameters shown in the legend"
      [items]="items()"
      emptyText="The tasks have no hyperparameters."
      (toggled)="toggle($event.id, $event.on)"
    >
      <ng-template #top>
        <div class="actions">
          <button mat-button type="button" (click)="pickedChange.emit(null)" [disabled]="picked() === null">Automatic</button>
          <button mat-button type="button" (click)="pickedChange.emit([])">None</button>
        </div>
      </ng-template>
    </app-param-menu>
  `,
  styles: `
    .actions {
      display: flex;
      gap: 4px;
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
  protected readonly buttonLabel = computed(() => `Legend parameters (${this.picked()?.length ?? 'auto'})`);
  protected readonly items = computed(() => {
    const shown = this.shown();
    return this.params().map((param) => ({ id: param.id, label: param.id, checked: shown.has(param.id) }));
  });

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
