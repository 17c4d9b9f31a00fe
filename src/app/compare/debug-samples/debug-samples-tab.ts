import { ScrollingModule, CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Store } from '@ngrx/store';
import { DebugSampleEvent } from '../../core/api/events-api';
import { embedPath } from '../../url/embed-url';
import { optionsPatch } from '../../url/view-options';
import { selectEmbedded } from '../../state/compare/compare.feature';
import { EmbedSample } from './embed-sample';
import { ColumnMove, iterationNumbers, moveIteration } from './sample-navigation';
import { SampleColumn } from './sample-column';
import { SampleViewer } from './sample-viewer';
import { SAMPLE_OPTIONS, ViewOptionPatch, columnMoved, jumpedTo, metricChosen, sampleOpened, syncToggled } from './sample-view-options';
import { DebugSamplesPageActions, ViewerStep } from './state/debug-samples.actions';
import {
  SampleColumnView,
  debugSamplesFeature,
  selectIterationRange,
  selectSampleColumns,
  selectSampleOptions,
  selectViewerIterations,
} from './state/debug-samples.feature';
import { Toggle } from '../../shared/toggle/toggle';

/** Column width plus gap, in pixels (the virtual scroll's item size). */
export const COLUMN_PITCH = 340;

/** The Debug samples tab: a column per compared task, sync and jump-to-iteration, and the sample viewer. */
@Component({
  selector: 'app-debug-samples-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ScrollingModule, MatButtonModule, MatIconModule, Toggle, MatTooltipModule, SampleColumn, SampleViewer, EmbedSample],
  templateUrl: './debug-samples-tab.html',
  styleUrl: './debug-samples-tab.scss',
})
export class DebugSamplesTab {
  private readonly store = inject(Store);

  protected readonly pitch = COLUMN_PITCH;
  /** On an `/embed` URL only the sample named by `sample` is shown. */
  protected readonly embedded = this.store.selectSignal(selectEmbedded);
  /**
   * A sample alone: `/embed;ids=<task>/debug-images?sample=...`. Copied from a column that follows
   * the newest iteration, the embed follows it too (`follow=1`); from an older one, it stays there.
   */
  protected readonly sampleEmbedPath = (s: DebugSampleEvent): string => {
    const following = this.columns().find((c) => c.task.id === s.task)?.position.target === null;
    const item = sampleOpened({ task: s.task, iter: s.iter, metric: s.metric, variant: s.variant });
    return embedPath([s.task], 'debug-images', {}, optionsPatch(SAMPLE_OPTIONS, following ? { ...item, follow: '1' } : item));
  };
  protected readonly columns = this.store.selectSignal(selectSampleColumns);
  protected readonly options = this.store.selectSignal(selectSampleOptions);
  protected readonly range = this.store.selectSignal(selectIterationRange);
  protected readonly viewer = this.store.selectSignal(debugSamplesFeature.selectViewer);
  protected readonly viewerIterations = this.store.selectSignal(selectViewerIterations);
  protected readonly metricsError = this.store.selectSignal(debugSamplesFeature.selectMetricsError);
  private readonly metricsFor = this.store.selectSignal(debugSamplesFeature.selectMetricsFor);
  /** Every compared task's sample list is in and empty: one message instead of a column each saying so. */
  protected readonly noneHaveSamples = computed(() => {
    const loadedFor = this.metricsFor();
    const columns = this.columns();
    return (
      !!loadedFor && !this.metricsError() && columns.length > 0 && columns.every((c) => loadedFor.includes(c.task.id) && !c.metrics.length)
    );
  });
  protected readonly viewerTask = computed(() => {
    const sample = this.options().sample;
    return sample ? (this.columns().find((c) => c.task.id === sample.task)?.task ?? null) : null;
  });
  /** The jump input's text while typing (null: follows the URL). */
  protected readonly jumpText = signal<string | null>(null);
  protected readonly jumpValue = computed(() => this.jumpText() ?? (this.options().iter === null ? '' : String(this.options().iter)));

  private readonly viewport = viewChild(CdkVirtualScrollViewport);
  private readonly rendered = signal({ start: 0, end: 0 });
  private readonly renderedIds = computed(
    () =>
      this.columns()
        .slice(this.rendered().start, this.rendered().end)
        .map((c) => c.task.id),
    { equal: (a, b) => a.join() === b.join() },
  );

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const viewport = this.viewport();
      if (!viewport) return;
      const subscription = viewport.renderedRangeStream.subscribe((range) => this.rendered.set(range));
      destroyRef.onDestroy(() => subscription.unsubscribe());
      this.rendered.set(viewport.getRenderedRange());
    });
    effect(() => this.store.dispatch(DebugSamplesPageActions.visibleColumnsChanged({ taskIds: this.renderedIds() })));
  }

  protected trackColumn(_: number, column: SampleColumnView): string {
    return column.task.id;
  }

  /** The URL is written by one effect (`writeSampleOptions`), through `SAMPLE_OPTIONS`. */
  private change(options: ViewOptionPatch): void {
    this.store.dispatch(DebugSamplesPageActions.optionsChosen({ options }));
  }

  protected chooseMetric(column: SampleColumnView, metric: string | null): void {
    this.change(metricChosen(this.options(), column.task.id, metric));
  }

  protected move(column: SampleColumnView, move: ColumnMove): void {
    const iters = iterationNumbers(column.samples?.iterations ?? []);
    const next = moveIteration(iters, column.position.shown?.iter ?? null, move);
    if (next === null && move === 'older' && column.samples && !column.samples.complete && iters.length) {
      this.store.dispatch(
        DebugSamplesPageActions.olderIterationsRequested({ task: column.task.id, metric: column.metric, before: iters.at(-1)! }),
      );
      return;
    }
    if (next === null) return;
    this.change(columnMoved(this.options(), column.task.id, move === 'newest' ? null : next));
  }

  protected retry(): void {
    this.store.dispatch(DebugSamplesPageActions.refreshClicked());
  }

  protected toggleSync(sync: boolean): void {
    this.change(syncToggled(sync, this.options().iter));
  }

  protected jump(text: string): void {
    this.jumpText.set(null);
    const trimmed = text.trim();
    if (!trimmed) return this.change(jumpedTo(this.options(), null));
    const iter = Number(trimmed);
    if (Number.isInteger(iter)) this.change(jumpedTo(this.options(), iter));
  }

  protected jumpNewest(): void {
    this.jumpText.set(null);
    this.change(jumpedTo(this.options(), null));
  }

  protected openSample(sample: DebugSampleEvent): void {
    this.change(sampleOpened({ task: sample.task, iter: sample.iter, metric: sample.metric, variant: sample.variant }));
  }

  protected closeViewer(): void {
    this.change(sampleOpened(null));
  }

  protected stepViewer(step: ViewerStep): void {
    this.store.dispatch(DebugSamplesPageActions.viewerStepClicked({ step }));
  }

  protected chooseViewerIteration(iter: number): void {
    const open = this.options().sample;
    if (open) this.change(sampleOpened({ ...open, iter }));
  }
}
