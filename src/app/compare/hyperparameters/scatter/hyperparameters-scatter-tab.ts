import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { GROUP_OPTIONS } from '../../../state/groups/group-options';
import { Store } from '@ngrx/store';
import { Plot } from '../../../shared/plot/plot';
import { selectQueryParams } from '../../../url/router-state';
import { EmbedButton } from '../../../shared/embed/embed-button';
import { embedPath, embedQuery } from '../../../url/embed-url';
import { CompareViewActions } from '../../../state/compare/compare.actions';
import { selectComparedTaskIds, selectEmbedded, selectTaskSlots } from '../../../state/compare/compare.feature';
import { LogMode } from '../shared-axes/axis';
import {
  MetricPick,
  ParamRef,
  VALUE_TYPES,
  ValueType,
  defaultMetric,
  listMetrics,
  listParams,
  metricId,
  paramId,
  paramLabel,
} from '../shared-axes/hyperparameters-data';
import { ExtraField } from '../shared-axes/hyperparameters-url';
import { injectHyperparameterTasks } from '../shared-axes/hyperparameters-tasks';
import { MetricPicker } from '../shared-axes/metric-picker';
import { ParamPicker } from '../shared-axes/param-picker';
import { TaskLegend } from '../shared-axes/task-legend';
import { ScatterSpec, scatterFigure, withErrorBars } from './scatter-figure';
import { errorBarColor } from '../../summary/summary-group-figure';
import { Theme } from '../../../core/theme/theme';
import { selectTaskGroups } from '../../../state/groups/groups.feature';
import { groupHyperparameterTasks } from '../shared-axes/hyperparameter-groups';
import { SCATTER_OPTIONS, ScatterOptions, selectScatterOptions } from './scatter-options';
import { optionsPatch } from '../../../url/view-options';

/** Hyperparameters › Scatter: a metric against a parameter, one point per task. */
@Component({
  selector: 'app-hyperparameters-scatter-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MetricPicker, ParamPicker, Plot, EmbedButton, TaskLegend],
  templateUrl: './hyperparameters-scatter-tab.html',
  styleUrl: '../shared-axes/hyperparameters-tab.scss',
})
export class HyperparametersScatterTab {
  private readonly store = inject(Store);
  private readonly dark = inject(Theme).isDark;
  private readonly data = injectHyperparameterTasks();
  protected readonly loading = this.data.loading;
  protected readonly error = this.data.error;
  private readonly groups = this.store.selectSignal(selectTaskGroups);
  /** Grouped runs: a point per group, at its tasks' means (see the Group by control). */
  protected readonly grouped = computed(() => {
    const groups = this.groups();
    return groups ? groupHyperparameterTasks(this.data.tasks(), groups) : null;
  });
  protected readonly tasks = computed(() => this.grouped() ?? this.data.tasks());
  protected readonly options = this.store.selectSignal(selectScatterOptions);
  /** On an `/embed` URL only the chart is drawn, with the axes and options of the link. */
  protected readonly embedded = this.store.selectSignal(selectEmbedded);
  private readonly ids = this.store.selectSignal(selectComparedTaskIds);
  private readonly query = this.store.selectSignal(selectQueryParams);
  private readonly slots = this.store.selectSignal(selectTaskSlots);
  protected readonly embedPath = computed(() =>
    this.embedded()
      ? null
      : embedPath(this.ids(), 'hyper-params/scatter', embedQuery(this.query(), SCATTER_OPTIONS, GROUP_OPTIONS), {}, this.slots()),
  );
  protected readonly types = VALUE_TYPES;
  protected readonly metricChoices = computed(() => listMetrics(this.tasks().map((t) => t.full)));
  protected readonly paramChoices = computed(() => listParams(this.tasks().map((t) => t.full)));
  protected readonly metricKey = metricId;
  protected readonly paramKey = paramId;
  protected readonly paramLabel = paramLabel;

  protected readonly y = computed<MetricPick | null>(() => this.options().y ?? defaultMetric(this.metricChoices()));
  protected readonly x = computed<ParamRef | null>(() => {
    const chosen = this.options().x;
    if (chosen) return chosen;
    const params = this.paramChoices();
    return params.find((p) => p.name === 'lr' && p.differs) ?? params.find((p) => p.differs) ?? params[0] ?? null;
  });
  /** The task whose name the pointer is on in the legend. */
  protected readonly highlight = signal<string | null>(null);
  protected readonly spec = computed<ScatterSpec | null>(() => {
    const y = this.y();
    const x = this.x();
    const o = this.options();
    return y && x
      ? { y, x, log: o.log, colorBy: o.colorBy, extras: o.extras, selected: o.selected, hidden: o.hidden, highlight: this.highlight() }
      : null;
  });
  protected readonly result = computed(() => {
    const spec = this.spec();
    if (!spec) return null;
    const grouped = this.grouped();
    if (!grouped) return scatterFigure(this.tasks(), spec);
    const byId = new Map(grouped.map((g) => [g.id, g]));
    return withErrorBars(scatterFigure(grouped, spec), (id) => byId.get(id)?.spread.get(metricId(spec.y)), errorBarColor(this.dark()));
  });
  protected readonly extraParams = computed(() => this.options().extras.flatMap((e) => (e.kind === 'param' ? [e.param] : [])));
  protected readonly extraMetrics = computed(() => this.options().extras.flatMap((e) => (e.kind === 'metric' ? [e.metric] : [])));
  protected readonly selectedTask = computed(() => this.tasks().find((t) => t.id === this.options().selected) ?? null);

  private set(values: Partial<ScatterOptions>): void {
    this.store.dispatch(CompareViewActions.optionsChanged({ options: optionsPatch(SCATTER_OPTIONS, values) }));
  }

  protected yMetricChosen(id: string): void {
    const m = this.metricChoices().find((c) => metricId(c) === id);
    if (m) this.set({ y: { ...m, type: this.y()?.type ?? 'last' } });
  }

  protected yTypeChosen(type: string): void {
    const y = this.y();
    if (y && VALUE_TYPES.includes(type as ValueType)) this.set({ y: { ...y, type: type as ValueType } });
  }

  protected xChosen(id: string): void {
    const p = this.paramChoices().find((c) => paramId(c) === id);
    if (p) this.set({ x: p });
  }

  protected logChosen(mode: string): void {
    this.set({ log: mode === 'on' || mode === 'off' ? (mode as LogMode) : 'auto' });
  }

  protected colorChosen(id: string): void {
    const p = this.paramChoices().find((c) => paramId(c) === id);
    this.set({ colorBy: p ?? null });
  }

  protected extrasChosen(params: ParamRef[] | null, metrics: MetricPick[] | null): void {
    const extras: ExtraField[] = [
      ...(params ?? this.extraParams()).map((param) => ({ kind: 'param' as const, param })),
      ...(metrics ?? this.extraMetrics()).map((metric) => ({ kind: 'metric' as const, metric })),
    ];
    this.set({ extras });
  }

  protected pointClicked(event: { points: unknown[] }): void {
    const id = (event.points[0] as { customdata?: unknown } | undefined)?.customdata;
    if (typeof id !== 'string') return;
    this.set({ selected: id === this.options().selected ? null : id });
  }

  protected toggleTask(id: string): void {
    const hidden = this.options().hidden;
    this.set({ hidden: hidden.includes(id) ? hidden.filter((h) => h !== id) : [...hidden, id] });
  }

  protected clearSelection(): void {
    this.set({ selected: null });
  }
}
