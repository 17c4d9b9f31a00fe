import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { parseMetricKey, metricMatches } from './metric-keys';
import { urlText } from '../../shared/url-text/url-text';

export interface MetricChoice {
  key: string;
  label: string;
}

/**
 * Which metrics to show: a button that opens a searchable checkbox list. Emits the chosen keys,
 * or null when every metric is chosen (the default, left out of the URL), and the search text
 * (the container keeps it in the URL; only matching metrics are shown while it is set).
 */
@Component({
  selector: 'app-metric-filter',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCheckboxModule, MatIconModule, MatMenuModule],
  template: `
    <button mat-stroked-button type="button" [matMenuTriggerFor]="menu">
      <mat-icon>filter_list</mat-icon> Metrics {{ shownCount() }}/{{ choices().length }}
      @if (query()) {
        <span class="searching" data-testid="metric-filter-active-search">· “{{ query() }}”</span>
      }
    </button>
    <mat-menu #menu="matMenu" class="metric-filter-menu">
      <ng-template matMenuContent>
        <div class="panel" (click)="$event.stopPropagation()" (keydown)="keepKey($event)" data-testid="metric-filter">
          <input
            class="search"
            type="search"
            placeholder="Search metrics"
            aria-label="Search metrics"
            [value]="query()"
            (input)="searchTyped($any($event.target).value)"
          />
          <div class="actions">
            <button mat-button type="button" (click)="setAll(true)">All</button>
            <button mat-button type="button" (click)="setAll(false)">None</button>
            @if (query()) {
              <button mat-button type="button" (click)="onlyMatching()">Only these</button>
              <button mat-button type="button" (click)="searchTyped('')">Clear search</button>
            }
          </div>
          <div class="list" role="list">
            @for (choice of matching(); track choice.key) {
              <mat-checkbox
                role="listitem"
                [checked]="isChosen(choice.key)"
                (change)="toggle(choice.key, $event.checked)"
                [attr.data-key]="choice.key"
                >{{ choice.label }}</mat-checkbox
              >
            } @empty {
              <p class="none">No metric matches.</p>
            }
          </div>
        </div>
      </ng-template>
    </mat-menu>
  `,
  styles: `
    .panel {
      padding: 8px 12px;
      min-width: 260px;
    }
    .search {
      width: 100%;
      box-sizing: border-box;
      padding: 6px 8px;
      font: inherit;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 4px;
      background: transparent;
      color: inherit;
    }
    .actions {
      display: flex;
      gap: 4px;
      margin: 4px 0;
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
    .searching {
      margin-left: 4px;
      max-width: 160px;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
  `,
})
export class MetricFilter {
  readonly choices = input.required<readonly MetricChoice[]>();
  /** Chosen keys; null: all. */
  readonly selected = input.required<readonly string[] | null>();
  readonly selectedChange = output<string[] | null>();
  /** The search text (from the URL); typing emits `searchChange`. */
  readonly search = input('');
  readonly searchChange = output<string>();
  private readonly searchBox = urlText(() => this.search());
  protected readonly query = this.searchBox.text;
  protected readonly matching = computed(() => this.choices().filter((c) => metricMatches(parseMetricKey(c.key), this.query())));
  private readonly chosen = computed(() => new Set(this.selected() ?? this.choices().map((c) => c.key)));
  /** Chosen and matching the search: what the page shows. */
  protected readonly shownCount = computed(() => this.matching().filter((c) => this.chosen().has(c.key)).length);

  /** Typing in the search stays in the search; Escape still closes the menu. */
  protected keepKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape') event.stopPropagation();
  }

  protected searchTyped(text: string): void {
    this.query.set(text);
    this.searchBox.sent(text);
    this.searchChange.emit(text);
  }

  protected isChosen(key: string): boolean {
    return this.chosen().has(key);
  }

  protected toggle(key: string, checked: boolean): void {
    const next = new Set(this.chosen());
    if (checked) next.add(key);
    else next.delete(key);
    this.emit(next);
  }

  protected setAll(all: boolean): void {
    this.emit(new Set(all ? this.choices().map((c) => c.key) : []));
  }

  protected onlyMatching(): void {
    this.emit(new Set(this.matching().map((c) => c.key)));
  }

  private emit(chosen: Set<string>): void {
    const keys = this.choices()
      .map((c) => c.key)
      .filter((key) => chosen.has(key));
    this.selectedChange.emit(keys.length === this.choices().length ? null : keys);
  }
}
