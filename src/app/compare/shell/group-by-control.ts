import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatRadioModule } from '@angular/material/radio';
import { Store } from '@ngrx/store';
import { CompareViewActions } from '../../state/compare/compare.actions';
import { GROUP_OPTIONS, GroupMode } from '../../state/groups/group-options';
import { selectGroupChoices, selectGroupOptions, selectGroupParamsStatus, selectTaskGroups } from '../../state/groups/groups.feature';
import { ParamMenu, ParamMenuItem } from '../../shared/param-menu/param-menu';
import { OptionValues, optionsPatch } from '../../url/view-options';

/**
 * The compare page's Group by control: none, every hyperparameter but the seed-like ones (and those
 * left out here), or chosen parameters. Its menu lists the groups with their sizes. Writes the URL.
 */
@Component({
  selector: 'app-group-by-control',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatRadioModule, ParamMenu],
  template: `
    <app-param-menu
      icon="workspaces"
      [label]="'Group by: ' + label()"
      testId="group-by-button"
      menuLabel="Group by"
      [items]="items()"
      [listLabel]="options().mode === 'all' ? 'Parameters left out' : 'Parameters to group by'"
      [listHeading]="options().mode === 'all' ? 'Left out (seed-like are always left out)' : null"
      [emptyText]="options().mode === 'params' && choices() ? 'No parameter differs between the tasks.' : null"
      (toggled)="options().mode === 'all' ? toggleIgnored($event.id, $event.on) : toggleParam($event.id, $event.on)"
    >
      <ng-template #top>
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
      </ng-template>
      <ng-template #bottom>
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
      </ng-template>
    </app-param-menu>
  `,
  styles: `
    .modes {
      display: flex;
      flex-direction: column;
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
  /** The checkboxes: the parameters to group by, or those left out of "all" (seed-like ones always). */
  protected readonly items = computed((): ParamMenuItem[] | null => {
    const { mode, params, ignored } = this.options();
    if (mode === 'params') return this.paramChoices().map(({ id, label }) => ({ id, label, checked: params.includes(id) }));
    if (mode === 'all')
      return (this.choices() ?? []).map(({ id, label, seedLike }) => ({
        id,
        label,
        checked: seedLike || ignored.includes(id),
        disabled: seedLike,
      }));
    return null;
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
