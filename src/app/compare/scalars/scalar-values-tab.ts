import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { Store } from '@ngrx/store';
import { downloadCsv, toCsv } from '../../shared/csv/csv';
import { CompareViewActions } from '../../state/compare/compare.actions';
import { selectCompareView, selectComparedTasks } from '../../state/compare/compare.feature';
import { OptionValues, optionsPatch, selectOptions } from '../../url/view-options';
import { SCALAR_VALUES_OPTIONS } from './scalars-options';
import { MetricFilter } from './metric-filter';
import { scalarsFeature, selectScalarTasks } from './state/scalars.feature';
import { ValueType, buildValueRows, filterRows, valueTableCsvRows } from './values-table';
import { ValuesTableView } from './values-table-view';
import { Toggle } from '../../shared/toggle/toggle';
import { selectTaskGroups } from '../../state/groups/groups.feature';
import { buildGroupedRows, groupedCsvRows } from './grouped-values';
import { GroupedValuesTable } from './grouped-values-view';

/** The values tables' options from the URL. */
export const selectScalarValuesOptions = selectOptions(SCALAR_VALUES_OPTIONS);
type ScalarValuesOptions = OptionValues<typeof SCALAR_VALUES_OPTIONS>;

/** Scalars › Values: last, min or max values of every metric/variant, a column per task. */
@Component({
  selector: 'app-scalar-values-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, Toggle, MetricFilter, ValuesTableView, GroupedValuesTable],
  templateUrl: './scalar-values-tab.html',
  styleUrl: './scalar-values-tab.scss',
})
export class ScalarValuesTab {
  private readonly store = inject(Store);
  private readonly view = this.store.selectSignal(selectCompareView);
  protected readonly valueType = computed<ValueType>(() =>
    this.view().endsWith('min-values') ? 'min' : this.view().endsWith('max-values') ? 'max' : 'last',
  );
  protected readonly options = this.store.selectSignal(selectScalarValuesOptions);
  protected readonly showExtremes = computed(() => this.options().extremes);
  protected readonly showDelta = computed(() => this.options().delta);
  protected readonly selected = computed(() => this.options().shown);
  protected readonly search = computed(() => this.options().search);
  /** With groups: the confidence level of the comparison with the base group (0.95 for `level=95`). */
  protected readonly level = computed(() => Number(this.options().level) / 100);
  protected readonly tasks = this.store.selectSignal(selectScalarTasks);
  protected readonly error = this.store.selectSignal(scalarsFeature.selectTasksError);
  protected readonly compared = this.store.selectSignal(selectComparedTasks);
  protected readonly columns = computed(() =>
    this.compared().map(({ id, displayName, color, isBase }) => ({ id, displayName, color, isBase })),
  );
  private readonly allRows = computed(() => buildValueRows(this.tasks() ?? [], this.valueType()));
  protected readonly choices = computed(() => this.allRows().map((r) => ({ key: r.key, label: `${r.metric} / ${r.variant}` })));
  protected readonly rows = computed(() => filterRows(this.allRows(), this.selected(), this.search()));
  /** The groups when the page groups tasks (null: a column per task). */
  protected readonly groups = this.store.selectSignal(selectTaskGroups);
  /** The shown rows by group, each group compared with the base group (Holm over the rows shown). */
  protected readonly groupedRows = computed(() => {
    const groups = this.groups();
    return groups
      ? buildGroupedRows(
          this.rows(),
          (this.tasks() ?? []).map((t) => t.id),
          groups,
          this.level(),
        )
      : [];
  });

  protected setOptions(values: Partial<ScalarValuesOptions>): void {
    this.store.dispatch(CompareViewActions.optionsChanged({ options: optionsPatch(SCALAR_VALUES_OPTIONS, values) }));
  }

  protected download(): void {
    const groups = this.groups();
    if (groups) {
      downloadCsv(`scalars-${this.valueType()}-values-by-group.csv`, toCsv(groupedCsvRows(this.groupedRows(), groups, this.level())));
      return;
    }
    const rows = valueTableCsvRows(
      this.rows(),
      this.columns().map((c) => c.displayName),
      this.showDelta(),
    );
    const suffix = this.showDelta() ? '-diff-from-base' : '';
    downloadCsv(`scalars-${this.valueType()}-values${suffix}.csv`, toCsv(rows));
  }
}
