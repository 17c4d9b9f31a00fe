import { validationError } from '../../api-error';
import type { Repositories } from '../../db/repositories';
import type { MetricVariant } from '../../db/events-repository';
import type { FromSchema } from 'json-schema-to-ts';
import { debugImages, debugImageSample, nextDebugImageSample } from '../../events/debug-samples';
import { addEventBatch } from '../../events/event-batch';
import { seriesHistogramJson } from '../../events/scalar-histogram';
import { decodeScrollId, encodeScrollId, isFiniteNumber, isRecord } from '../../events/scroll-id';
import { endpoint, idString, object, stringArray, taskIdList } from '../../http/endpoint';
import { RawJson } from '../../http/envelope';
import { iterationNumber, LIMITS } from '../../http/limits';
import { TimeSlice } from '../../http/read-coalescing';
import { requireTask, requireTasks } from '../tasks/task-ids';
import { filesUrlResolver } from '../../files/file-urls';
import { debugImagesBody } from './debug-images-body';
import { readbackEndpoints } from './readback-endpoints';
import {
  debugImageSampleResponse,
  debugImagesResponse,
  multiTaskMetricsResponse,
  multiTaskPlotsResponse,
  singleValuesResponse,
  taskLogResponse,
  taskMetricsResponse,
} from './event-response';

export const EVENT_TYPES = ['training_stats_scalar', 'training_stats_vector', 'training_debug_image', 'plot', 'log'] as const;
export const BATCH_BODY_LIMIT = LIMITS.batchBodyBytes;

const metricsFilter = {
  type: 'array',
  items: object({ metric: { type: 'string' }, variants: stringArray }, ['metric']),
} as const;

type MetricsFilter = FromSchema<typeof metricsFilter> | undefined;

const histogramBody = object(
  {
    tasks: taskIdList,
    metrics: metricsFilter,
    key: { type: 'string', enum: ['iter', 'timestamp', 'iso_time'] },
    samples: { type: 'integer', minimum: 1, maximum: 6000 },
    x_range: { type: 'array', items: { type: ['number', 'string'] }, minItems: 2, maxItems: 2 },
    envelope: { type: 'boolean' },
  },
  ['tasks'],
);
type HistogramBody = FromSchema<typeof histogramBody>;

const plotsBody = object(
  {
    tasks: taskIdList,
    metrics: metricsFilter,
    iters: { type: 'integer', minimum: 1, maximum: 1000 },
    last_iters_per_task_metric: { type: 'boolean' },
    scroll_id: { type: ['string', 'null'] },
    no_scroll: { type: 'boolean' },
  },
  ['tasks'],
);
type PlotsBody = FromSchema<typeof plotsBody>;

function matches(filter: MetricsFilter, metric: string, variant: string): boolean {
  if (!filter?.length) return true;
  return filter.some((f) => f.metric === metric && (!f.variants?.length || f.variants.includes(variant)));
}

/**
 * The metrics and variants a task reported events of the given type for. Single-value scalars are
 * scalar events (iteration -2^31) on clearml-server, so they are listed with the scalars; '*' (the
 * default of events.get_multi_task_metrics) is every type.
 */
function variantsOf(repos: Repositories, task: string, eventType: string): MetricVariant[] {
  switch (eventType) {
    case '*':
      return ['training_stats_scalar', 'plot', 'training_debug_image'].flatMap((type) => variantsOf(repos, task, type));
    case 'training_stats_scalar':
      return [...repos.scalars.variantsOfTask(task), ...repos.events.singleValues(task)];
    case 'plot':
      return repos.events.plotVariants(task);
    case 'training_debug_image':
      return repos.events.debugSampleVariants(task);
    default:
      return [];
  }
}

/**
 * `events.multi_task_scalar_metrics_iter_histogram`: metric -> variant -> task -> {name, x, y} as
 * clearml-server answers it, as pre-serialised JSON. Extensions, unless the server runs plain:
 * `envelope: true` adds `y_min`, `y_max` and `total` to each series, `x_range` windows the x axis.
 * Computed in slices of about 10 ms (whole series), so other requests are answered between them
 * rather than after all 100 tasks' series are computed.
 */
async function histogram(repos: Repositories, body: HistogramBody, plainClearml: boolean) {
  const tasks = requireTasks(repos, body.tasks);
  const key = body.key ?? 'iter';
  let xRange: [number, number] | null = null;
  if (body.x_range && !plainClearml) {
    const [from, to] = body.x_range.map((v) => (typeof v === 'string' ? Date.parse(v) : v));
    if (!Number.isFinite(from) || !Number.isFinite(to) || from > to) {
      throw validationError('x_range must be [from, to] with from <= to');
    }
    xRange = [from, to];
  }
  const options = { samples: body.samples ?? 2000, key, xRange, envelope: body.envelope === true && !plainClearml };
  // metric -> variant -> task -> { name, x, y, y_min, y_max, total, x_axis_label? } as JSON pieces
  const metrics: Record<string, Record<string, Record<string, (string | Buffer)[]>>> = {};
  const names = repos.tasks.names(tasks);
  const seriesByTask = repos.scalars.chartSeriesOfTasks(tasks);
  const slice = new TimeSlice();
  for (const task of tasks) {
    const name = JSON.stringify(names.get(task) ?? null);
    for (const series of seriesByTask.get(task) ?? []) {
      if (!matches(body.metrics, series.metric, series.variant)) continue;
      if (slice.due()) await slice.yield();
      const label = series.x_axis_label ? `,"x_axis_label":${JSON.stringify(series.x_axis_label)}` : '';
      ((metrics[series.metric] ??= {})[series.variant] ??= {})[task] = [
        `{"name":${name},`,
        seriesHistogramJson(repos.scalars, series, options),
        `${label}}`,
      ];
    }
  }
  const parts: (string | Buffer)[] = ['{"metrics":'];
  const write = (level: Record<string, unknown>, depth: number) => {
    parts.push('{');
    Object.entries(level).forEach(([key, value], i) => {
      parts.push(`${i ? ',' : ''}${JSON.stringify(key)}:`);
      if (depth === 2) parts.push(...(value as (string | Buffer)[]));
      else write(value as Record<string, unknown>, depth + 1);
    });
    parts.push('}');
  };
  write(metrics, 0);
  parts.push('}');
  return new RawJson(parts);
}

function plotEvent(p: { task: string; metric: string; variant: string; iter: number; ts: number; plot_str: string }) {
  return { type: 'plot', task: p.task, metric: p.metric, variant: p.variant, iter: p.iter, timestamp: p.ts, plot_str: p.plot_str };
}

const PLOTS_LIMIT = 10000;

const isPlotsCursor = (value: unknown): value is { done: boolean; total: number } =>
  isRecord(value) && typeof value.done === 'boolean' && isFiniteNumber(value.total);

function multiTaskPlots(repos: Repositories, body: PlotsBody) {
  const tasks = requireTasks(repos, body.tasks);
  if (body.scroll_id) {
    const cursor = decodeScrollId('plots', body.scroll_id, isPlotsCursor);
    if (cursor.done) return { plots: {}, returned: 0, total: cursor.total, scroll_id: body.scroll_id };
  }
  const iters = body.iters ?? 1;
  const lastOnly = body.last_iters_per_task_metric ?? true;
  const plots: Record<string, Record<string, Record<string, Record<string, { name: string | null; plots: object[] }>>>> = {};
  let returned = 0;
  for (const task of tasks) {
    const name = repos.tasks.name(task);
    for (const { metric, variant } of repos.events.plotVariants(task)) {
      if (!matches(body.metrics, metric, variant)) continue;
      const events = lastOnly
        ? repos.events.lastPlots(task, metric, variant, iters)
        : repos.events.plots(task, metric, variant, PLOTS_LIMIT);
      for (const p of events) {
        const byIter = (((plots[metric] ??= {})[variant] ??= {})[task] ??= {});
        (byIter[String(p.iter)] ??= { name, plots: [] }).plots.push(plotEvent(p));
        returned++;
      }
    }
  }
  return { plots, returned, total: returned, scroll_id: encodeScrollId('plots', { done: true, total: returned }) };
}

/** `events.*` (schema/services/events.conf); the SDK's read-backs are in readback-endpoints.ts. */
export const eventEndpoints = [
  endpoint({
    name: 'events.add_batch',
    body: { anyOf: [{ type: 'string' }, { type: 'array' }, { type: 'object' }] },
    bodyLimit: BATCH_BODY_LIMIT,
    handler: (body, { repos, notices }) =>
      addEventBatch(repos, body, (type) =>
        notices.once(`event type ${type}`, `events of type '${type}' are accepted and ignored (reported in errors_info)`),
      ),
  }),
  // One event per call (older SDKs, and `Logger` fallbacks); stored like a batch of one.
  endpoint({
    name: 'events.add',
    body: { type: 'object' },
    handler: (body, { repos, notices }) =>
      addEventBatch(repos, body, (type) =>
        notices.once(`event type ${type}`, `events of type '${type}' are accepted and ignored (reported in errors_info)`),
      ),
  }),
  endpoint({
    name: 'events.get_multi_task_metrics',
    coalesce: true,
    body: object({ tasks: taskIdList, event_type: { type: 'string', enum: [...EVENT_TYPES, '*'] } }, ['tasks']),
    response: multiTaskMetricsResponse,
    serialiseBySchema: false,
    handler: ({ tasks, event_type }, { repos }) => {
      const variants = new Map<string, Set<string>>();
      for (const task of requireTasks(repos, tasks)) {
        for (const { metric, variant } of variantsOf(repos, task, event_type ?? '*')) {
          (variants.get(metric) ?? variants.set(metric, new Set()).get(metric)!).add(variant);
        }
      }
      const metrics = [...variants.keys()].sort().map((metric) => ({ metric, variants: [...variants.get(metric)!].sort() }));
      return { metrics };
    },
  }),
  endpoint({
    name: 'events.get_task_metrics',
    body: object({ tasks: taskIdList, event_type: { type: 'string', enum: EVENT_TYPES } }, ['tasks']),
    response: taskMetricsResponse,
    serialiseBySchema: false,
    handler: ({ tasks, event_type }, { repos }) => ({
      metrics: requireTasks(repos, tasks).map((task) => ({
        task,
        metrics: [...new Set(variantsOf(repos, task, event_type ?? 'training_stats_scalar').map((v) => v.metric))].sort(),
      })),
    }),
  }),
  endpoint({
    name: 'events.multi_task_scalar_metrics_iter_histogram',
    body: histogramBody,
    coalesce: true,
    handler: (body, { repos, plainClearml }) => histogram(repos, body, plainClearml),
  }),
  endpoint({
    name: 'events.get_task_single_value_metrics',
    coalesce: true,
    body: object({ tasks: taskIdList, metrics: metricsFilter }, ['tasks']),
    response: singleValuesResponse,
    serialiseBySchema: false,
    // A task without single values is left out, as clearml-server buckets the values it finds.
    handler: ({ tasks, metrics }, { repos }) => ({
      tasks: requireTasks(repos, tasks)
        .map((task) => ({
          task,
          task_name: repos.tasks.name(task),
          values: repos.events
            .singleValues(task)
            .filter((v) => matches(metrics, v.metric, v.variant))
            .map((v) => ({ metric: v.metric, variant: v.variant, value: v.value, timestamp: v.ts })),
        }))
        .filter((entry) => entry.values.length > 0),
    }),
  }),
  endpoint({
    name: 'events.get_multi_task_plots',
    coalesce: true,
    body: plotsBody,
    response: multiTaskPlotsResponse,
    serialiseBySchema: false,
    handler: (body, { repos }) => multiTaskPlots(repos, body),
  }),
  endpoint({
    name: 'events.debug_images',
    body: debugImagesBody,
    response: debugImagesResponse,
    handler: (body, { repos, request, plainClearml }) => {
      requireTasks(
        repos,
        body.metrics.map((m) => m.task),
      );
      return debugImages(repos, body, !plainClearml, filesUrlResolver(request));
    },
  }),
  endpoint({
    name: 'events.get_debug_image_sample',
    body: object(
      {
        task: idString,
        metric: { type: 'string' },
        variant: { type: 'string' },
        iteration: iterationNumber,
        scroll_id: { type: ['string', 'null'] },
        refresh: { type: 'boolean' },
        navigate_current_metric: { type: 'boolean' },
        model_events: { type: 'boolean' },
      },
      ['task', 'metric', 'variant'],
    ),
    response: debugImageSampleResponse,
    handler: (body, { repos, request }) =>
      debugImageSample(repos, { ...body, task: requireTask(repos, body.task) }, filesUrlResolver(request)),
  }),
  endpoint({
    name: 'events.next_debug_image_sample',
    body: object(
      { task: idString, scroll_id: { type: 'string' }, navigate_earlier: { type: 'boolean' }, next_iteration: { type: 'boolean' } },
      ['task', 'scroll_id'],
    ),
    response: debugImageSampleResponse,
    handler: (body, { repos, request }) =>
      nextDebugImageSample(repos, { ...body, task: requireTask(repos, body.task) }, filesUrlResolver(request)),
  }),
  endpoint({
    name: 'events.get_task_log',
    body: object({ task: idString, batch_size: { type: 'integer', minimum: 1, maximum: 10000 } }, ['task']),
    response: taskLogResponse,
    serialiseBySchema: false,
    handler: ({ task, batch_size }, { repos }) => {
      const events = repos.events.logs(requireTask(repos, task), batch_size ?? 500).map((l) => ({
        type: 'log',
        task: l.task,
        iter: l.iter,
        timestamp: l.ts,
        level: l.level,
        msg: l.msg,
        worker: l.worker,
      }));
      return { events, returned: events.length, total: events.length, scroll_id: null };
    },
  }),
  ...readbackEndpoints,
];
