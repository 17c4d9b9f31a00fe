import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { DebugSampleEvent } from '../../core/api/events-api';
import { EmbedButton } from '../../shared/embed/embed-button';
import { MiddleEllipsis } from '../../shared/middle-ellipsis/middle-ellipsis';
import { ColumnMove } from './sample-navigation';
import { SampleThumb } from './sample-thumb';
import { SampleColumnView } from './state/debug-samples.feature';

/** The metric select's value for "All metrics" (a metric name cannot hold a NUL). */
export const ALL_METRICS = '\u0000all';

/** One compared task's debug samples at one iteration, with its metric select and older/newer/newest. */
@Component({
  selector: 'app-sample-column',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatSelectModule, MatTooltipModule, SampleThumb, EmbedButton, MiddleEllipsis],
  templateUrl: './sample-column.html',
  styleUrl: './sample-column.scss',
  host: { 'data-testid': 'sample-column', '[attr.data-task-id]': 'column().task.id', '[attr.data-iter]': 'position().shown?.iter ?? null' },
})
export class SampleColumn {
  readonly column = input.required<SampleColumnView>();
  /** The `/embed` path of a sample (for its embed button); null shows none. */
  readonly sampleEmbedPath = input<((sample: DebugSampleEvent) => string) | null>(null);
  readonly metricChange = output<string | null>();
  readonly move = output<ColumnMove>();
  readonly sampleOpen = output<DebugSampleEvent>();
  readonly retry = output<void>();

  protected readonly all = ALL_METRICS;
  protected readonly position = computed(() => this.column().position);
  /** Older also fetches iterations beyond the ones held, when the column holds a full page. */
  protected readonly canGoOlder = computed(() => {
    const samples = this.column().samples;
    return this.position().hasOlder || (samples?.status === 'loaded' && !samples.complete && !samples.loadingOlder);
  });
  protected readonly selectValue = computed(() => this.column().metric ?? ALL_METRICS);
  /** The chosen metric stays listed even when the task has no samples for it. */
  protected readonly metricOptions = computed(() => {
    const { metrics, metric } = this.column();
    return metric !== null && !metrics.includes(metric) ? [metric, ...metrics] : metrics;
  });

  protected chooseMetric(value: string): void {
    this.metricChange.emit(value === ALL_METRICS ? null : value);
  }
}
