import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { ParamChoice, ParamRef, groupParams, paramId } from './hyperparameters-data';

/** Hyperparameters to pick, grouped by section, with search and "hide identical". */
@Component({
  selector: 'app-param-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tools">
      <input
        type="search"
        placeholder="Search parameters"
        aria-label="Search parameters"
        [value]="search()"
        (input)="search.set($any($event.target).value)"
      />
      <label class="hide"
        ><input type="checkbox" [checked]="hideIdentical()" (change)="hideIdenticalChange.emit($any($event.target).checked)" /> Hide
        identical</label
      >
    </div>
    <div class="list" role="group" [attr.aria-label]="label()">
      @for (group of groups(); track group.section) {
        <div class="section">{{ group.section }}</div>
        @for (p of group.params; track p.name) {
          <label class="item" [class.same]="!p.differs" [attr.data-param]="p.section + '/' + p.name">
            <input type="checkbox" [checked]="chosen().has(id(p))" (change)="toggle(p, $any($event.target).checked)" />
            <span>{{ p.name }}</span>
          </label>
        }
      } @empty {
        <div class="empty">{{ params().length ? 'No parameter matches.' : 'These tasks have no hyperparameters.' }}</div>
      }
    </div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
      gap: 4px;
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      align-items: center;
    }
    .tools input[type='search'] {
      flex: 1;
      min-width: 120px;
      padding: 4px 6px;
      font: inherit;
    }
    .hide {
      font-size: 12px;
      white-space: nowrap;
    }
    .list {
      overflow: auto;
      max-height: 260px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 4px;
      padding: 2px 6px;
    }
    .section {
      font-weight: 600;
      font-size: 12px;
      margin-top: 4px;
      color: var(--mat-sys-on-surface-variant);
    }
    .item {
      display: flex;
      gap: 6px;
      align-items: center;
      font-size: 13px;
      padding-left: 6px;
    }
    .item.same span {
      color: var(--mat-sys-on-surface-variant);
    }
    .empty {
      font-size: 12px;
      padding: 4px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ParamPicker {
  readonly label = input('Parameters');
  readonly params = input.required<ParamChoice[]>();
  readonly selected = input.required<ParamRef[]>();
  readonly hideIdentical = input(true);
  readonly selectedChange = output<ParamRef[]>();
  readonly hideIdenticalChange = output<boolean>();
  protected readonly search = signal('');
  protected readonly id = paramId;
  protected readonly chosen = computed(() => new Set(this.selected().map(paramId)));
  protected readonly groups = computed(() => groupParams(this.params(), this.search(), this.hideIdentical(), this.chosen()));

  protected toggle(p: ParamRef, on: boolean): void {
    const rest = this.selected().filter((s) => paramId(s) !== paramId(p));
    this.selectedChange.emit(on ? [...rest, { section: p.section, name: p.name }] : rest);
  }
}
