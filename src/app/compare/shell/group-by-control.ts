import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatRadioModule } from '@angular/material/radio';
import { Store } from '@ngrx/store';
import { CompareViewActions } from '../../state/compare/compare.actions';
import { GROUP_OPTIONS, GroupMode } from '../../state/groups/group-options';
import { selectGroupChoices, selectGroupOptions, selectGroupParamsStatus, selectTaskGroups } from '../../state/groups/groups.feature';
import { OptionValues, optionsPatch } from '../../url/view-options';

/**
 * The compare page's Group by control: none, every hyperparameter but the seed-like ones (and those
 * left out here), or chosen parameters. Its menu lists the groups with their sizes. Writes the URL.
 */
@Component({
  selector: 'app-group-by-control',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCheckboxModule, MatIconModule, MatMenuModule, MatRadioModule],
  template: `
    <button mat-stroked-button type="button" [matMenuTriggerFor]="menu" data-testid="group-by-button">
      <mat-icon>workspaces</mat-icon> Group by: {{ label() }}
    </button>
    <mat-menu #menu="matMenu" class="group-by-menu">
      <ng-template matMenuContent>
        <div
          class="panel"
          (click)="$event.stopPropagation()"
          (keydown)="$event.key === 'Escape' || $event.stopPropagation()"
          role="group"
          aria-label="Group by"
        >
          <mat-radio-group class="modes" aria-label="Group tasks by" [value]="options().mode" (change)="setMode($event.value)">
            <mat-radio-button value="none">None</mat-radio-button>
            <mat-radio-button value="all">All hyperparameters except seeds</mat-radio-button>
            <mat-radio-button value="params">Chosen parameters</mat-radio-button>
          </mat-radio-group>
          @if (status().pending) {
            <p class="note">Loading the tasks' parameters…</p>
          } @else if (status().error; as error) {
            <p class="note" role="alert">The tasks' parameters could not be loaded: {{ error }}</p>
          }
          @if (options().mode === 'params') {
            <div class="list" role="group" aria-label="Parameters to group by">
              @for (param of paramChoices(); track param.id) {
                <mat-checkbox [checked]="options().params.includes(param.id)" (change)="toggleParam(param.id, $event.checked)">{{
                  param.label
                }}</mat-checkbox>
              } @empty {
                @if (choices()) {
                  <p class="note">No parameter differs between the tasks.</p>
                }
              }
            </div>
          } @else if (options().mode === 'all') {
            <div class="list" role="group" aria-label="Parameters left out">
              <span class="heading">Left out (seed-like are always left out)</span>
              @for (param of choices() ?? []; track param.id) {
                <mat-checkbox
                  [checked]="param.seedLike || options().ignored.includes(param.id)"
                  [disabled]="param.seedLike"
                  (change)="toggleIgnored(param.id, $event.checked)"
                  >{{ param.label }}</mat-checkbox
                >
              }
            </div>
          }
          @if (groups(); as groups) {
            <span class="heading">{{ groups.length === 1 ? '1 group' : groups.length + ' groups' }}</span>
            <ul class="groups" aria-label="Groups">
              @for (group of groups; track group.key) {
                <li [attr.data-group-key]="group.key">
                  <span class="dot" [style.background]="group.color"></span>
                  <span class="name" [title]="group.name">{{ group.name }}</span>
                  <span class="size">n={{ group.size }}</span>
                  @if (group.isBase) {
                    <span class="base">BASE</span>
                  }
                </li>
              }
            </ul>
          }
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
      min-width: 280px;
      max-width: 480px;
    }
    .modes {
      display: flex;
      flex-direction: column;
    }
    .list {
      display: flex;
      flex-direction: column;
      max-height: 240px;
      overflow: auto;
    }
    .heading,
    .note {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
      margin: 4px 0;
    }
    .groups {
      list-style: none;
      margin: 0;
      padding: 0;
      max-height: 240px;
      overflow: auto;
    }
    .groups li {
      display: flex;
      align-items: center;
      gap: 6px;
      padding: 2px 0;
    }
    .dot {
      width: 10px;
      height: 10px;
      border-radius: 50%;
      flex: 0 0 auto;
    }
    .name {
      flex: 1 1 auto;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .size,
    .base {
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class GroupByControl {
  private readonly store = inject(Store);
  protected readonly options = this.store.selectSignal(selectGroupOptions);
  protected readonly groups = this.store.selectSignal(selectTaskGroups);
  protected readonly choices = this.store.selectSignal(selectGroupChoices);
  protected readonly status = this.store.selectSignal(selectGroupParamsStatus);
  /** The differing parameters, and any chosen one that no longer differs (so it can be unticked). */
  protected readonly paramChoices = computed(() => {
    const choices = this.choices() ?? [];
    const known = new Set(choices.map((param) => param.id));
    return [
      ...choices,
      ...this.options()
        .params.filter((id) => !known.has(id))
        .map((id) => ({ id, label: id, seedLike: false })),
    ];
  });
  protected readonly label = computed(() => {
    const { mode, params } = this.options();
    const groups = this.groups();
    const count = groups ? ` (${groups.length})` : '';
    if (mode === 'all') return `all but seeds${count}`;
    if (mode === 'params') return params.length ? `${params.map((id) => id.split('/').pop()).join(', ')}${count}` : 'pick parameters';
    return 'none';
  });

  protected setMode(mode: GroupMode): void {
    this.write({ mode });
  }

  protected toggleParam(id: string, on: boolean): void {
    const params = this.options().params.filter((p) => p !== id);
    this.write({ params: on ? [...params, id] : params });
  }

  protected toggleIgnored(id: string, on: boolean): void {
    const ignored = this.options().ignored.filter((p) => p !== id);
    this.write({ ignored: on ? [...ignored, id] : ignored });
  }

  private write(values: Partial<OptionValues<typeof GROUP_OPTIONS>>): void {
    this.store.dispatch(CompareViewActions.optionsChanged({ options: optionsPatch(GROUP_OPTIONS, values) }));
  }
}
