import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ApiClient } from './api-client';

/** Event shapes of the ClearML API (docs/api.md). Optional fields are extensions a server may leave out. */
export type EventType = 'training_stats_scalar' | 'plot' | 'training_debug_image' | 'log';
export type HistogramKey = 'iter' | 'timestamp' | 'iso_time';

export interface MetricVariants {
  metric: string;
  variants: string[];
}

export interface ScalarSeries {
  name: string;
  x: number[];
  y: number[];
  x_axis_label?: string;
  /** Extensions (asked with `envelope: true`): the envelope of each bucket, and how many raw points the series has. */
  y_min?: number[];
  y_max?: number[];
  total?: number;
}

/** `{metric: {variant: {taskId: series}}}` */
export type ScalarHistogram = Record<string, Record<string, Record<string, ScalarSeries>>>;

export interface SingleValueMetrics {
  tasks: { task: string; task_name: string; values: { metric: string; variant: string; value: number; timestamp: number }[] }[];
}

export interface PlotEvent {
  metric: string;
  variant: string;
  iter: number;
  task: string;
  timestamp?: number;
  /** The Plotly figure `{data, layout, config}` as a JSON string: untrusted. */
  plot_str: string;
}

/** `{metric: {variant: {taskId: {iter: {name, plots}}}}}` */
export type MultiTaskPlots = Record<string, Record<string, Record<string, Record<string, { name: string; plots: PlotEvent[] }>>>>;

export interface DebugSampleEvent {
  task: string;
  metric: string;
  variant: string;
  iter: number;
  url: string;
  key?: string;
  timestamp?: number;
}

export interface DebugImagesResponse {
  scroll_id: string;
  metrics: { task: string; iterations: { iter: number; events: DebugSampleEvent[] }[] }[];
}

export interface DebugSampleResponse {
  scroll_id: string;
  event: DebugSampleEvent | null;
  min_iteration: number;
  max_iteration: number;
}

@Injectable({ providedIn: 'root' })
export class EventsApi {
  private readonly api = inject(ApiClient);

  getMultiTaskMetrics(tasks: string[], eventType?: EventType): Observable<{ metrics: MetricVariants[] }> {
    return this.api.call('events.get_multi_task_metrics', eventType ? { tasks, event_type: eventType } : { tasks });
  }

  scalarHistogram(body: {
    tasks: string[];
    metrics?: MetricVariants[];
    key?: HistogramKey;
    samples?: number;
    /** Extension (only where advertised): each series also carries `y_min`, `y_max` and `total`. */
    envelope?: boolean;
    /** Extension (only where advertised): the x window to sample. */
    x_range?: [number, number];
  }): Observable<{ metrics: ScalarHistogram }> {
    return this.api.call('events.multi_task_scalar_metrics_iter_histogram', body);
  }

  singleValueMetrics(tasks: string[]): Observable<SingleValueMetrics> {
    return this.api.call('events.get_task_single_value_metrics', { tasks });
  }

  multiTaskPlots(body: {
    tasks: string[];
    metrics?: MetricVariants[];
    iters?: number;
    last_iters_per_task_metric?: boolean;
    scroll_id?: string;
  }): Observable<{ plots: MultiTaskPlots; returned: number; total?: number; scroll_id: string | null }> {
    return this.api.call('events.get_multi_task_plots', body);
  }

  taskMetrics(tasks: string[], eventType: EventType): Observable<{ metrics: { task: string; metrics: string[] }[] }> {
    return this.api.call('events.get_task_metrics', { tasks, event_type: eventType });
  }

  debugImages(body: {
    metrics: { task: string; metric?: string; variants?: string[]; iteration?: number }[];
    iters?: number;
    navigate_earlier?: boolean;
    refresh?: boolean;
    scroll_id?: string;
  }): Observable<DebugImagesResponse> {
    return this.api.call('events.debug_images', body);
  }

  debugImageSample(body: {
    task: string;
    metric: string;
    variant: string;
    iteration?: number;
    scroll_id?: string;
    navigate_current_metric?: boolean;
  }): Observable<DebugSampleResponse> {
    return this.api.call('events.get_debug_image_sample', body);
  }

  nextDebugImageSample(body: {
    task: string;
    scroll_id: string;
    navigate_earlier?: boolean;
    next_iteration?: boolean;
  }): Observable<DebugSampleResponse> {
    return this.api.call('events.next_debug_image_sample', body);
  }
}
