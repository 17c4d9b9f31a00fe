import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MetricChoice, MetricPick, VALUE_TYPES, ValueType, metricId } from './hyperparameters-data';

/** Metric/variants to pick, each with LAST / MIN / MAX check boxes; each checked box is a pick. */
@Component({
  selector: 'app-metric-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <input
      type="search"
      placeholder="Search metrics"
      aria-label="Search metrics"
      [value]="search()"
      (input)="search.set($any($event.target).value)"
    />
    <div class="list" role="group" aria-label="Performance metrics">
      @for (m of shown(); track id(m)) {
        <div class="row" [attr.data-metric]="m.metric + '/' + m.variant">
          <span class="name" [title]="m.metric + ' / ' + m.variant">{{ m.metric }} / {{ m.variant }}</span>
          @for (type of types; track type) {
            <label class="type"
              ><input
                type="checkbox"
                [attr.aria-label]="m.metric + ' / ' + m.variant + ' ' + type"
                [checked]="chosen().has(id({ metric: m.metric, variant: m.variant, type }))"
                (change)="toggle(m, type, $any($event.target).checked)"
              />{{ type.toUpperCase() }}</label
            >
          }
        </div>
      } @empty {
        <div class="empty">{{ metrics().length ? 'No metric matches.' : 'These tasks report no scalar metrics.' }}</div>
      }
    </div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-height: 0;
    }
    input[type='search'] {
      padding: 4px 6px;
      font: inherit;
    }
    .list {
      overflow: auto;
      max-height: 200px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 4px;
      padding: 2px 6px;
    }
    .row {
      display: flex;
      align-items: center;
      gap: 4px;
      font-size: 13px;
    }
    .name {
      flex: 1;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .type {
      font-size: 11px;
      display: flex;
      align-items: center;
    }
    .empty {
      font-size: 12px;
      padding: 4px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class MetricPicker {
  readonly metrics = input.required<MetricChoice[]>();
  readonly selected = input.required<MetricPick[]>();
  readonly selectedChange = output<MetricPick[]>();
  protected readonly types = VALUE_TYPES;
  protected readonly search = signal('');
  protected readonly id = metricId;
  protected readonly chosen = computed(() => new Set(this.selected().map(metricId)));
  protected readonly shown = computed(() => {
    const needle = this.search().trim().toLowerCase();
    return this.metrics().filter((m) => !needle || `${m.metric}/${m.variant}`.toLowerCase().includes(needle));
  });

  protected toggle(m: MetricChoice, type: ValueType, on: boolean): void {
    const pick: MetricPick = { metric: m.metric, variant: m.variant, type };
    const rest = this.selected().filter((s) => metricId(s) !== metricId(pick));
    this.selectedChange.emit(on ? [...rest, pick] : rest);
  }
}
