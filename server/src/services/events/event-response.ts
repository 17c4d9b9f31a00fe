import { listOf, mapOf, numberOrNull, textOrNull } from '../../http/response-schema';

/*
 * The events answers are built field by field from typed columns (events-repository.ts), so their
 * items are closed: fast-json-stringify writes them without looking up their keys.
 */

const text = { type: 'string' } as const;
const number = { type: 'number' } as const;
const names = listOf(text);

/** A log line (events.get_task_log). */
const logEvent = {
  type: 'object',
  properties: { type: text, task: text, iter: numberOrNull, timestamp: number, level: text, msg: text, worker: textOrNull },
} as const;

/** A plot event (events.get_task_plots, events.get_multi_task_plots). */
const plotEvent = {
  type: 'object',
  properties: { type: text, task: text, metric: text, variant: text, iter: number, timestamp: number, plot_str: text },
} as const;

/** A debug sample event (sampleEvent in events/debug-samples.ts). */
const sampleEvent = {
  type: 'object',
  properties: { type: text, task: text, metric: text, variant: text, iter: number, timestamp: number, url: text, key: text },
} as const;

/** `events.get_task_log`. */
export const taskLogResponse = {
  type: 'object',
  properties: { events: listOf(logEvent), returned: number, total: number, scroll_id: textOrNull },
} as const;

/** `events.get_task_plots`. */
export const taskPlotsResponse = {
  type: 'object',
  properties: { plots: listOf(plotEvent), returned: number, total: number, scroll_id: textOrNull },
} as const;

/** `events.get_multi_task_plots`: metric -> variant -> task -> iteration -> {name, plots}. */
export const multiTaskPlotsResponse = {
  type: 'object',
  properties: {
    plots: mapOf(mapOf(mapOf(mapOf({ type: 'object', properties: { name: textOrNull, plots: listOf(plotEvent) } })))),
    returned: number,
    total: number,
    scroll_id: text,
  },
} as const;

/** `events.get_task_single_value_metrics`. */
export const singleValuesResponse = {
  type: 'object',
  properties: {
    tasks: listOf({
      type: 'object',
      properties: {
        task: text,
        task_name: textOrNull,
        values: listOf({ type: 'object', properties: { metric: text, variant: text, value: number, timestamp: number } }),
      },
    }),
  },
} as const;

/** `events.get_multi_task_metrics`. */
export const multiTaskMetricsResponse = {
  type: 'object',
  properties: { metrics: listOf({ type: 'object', properties: { metric: text, variants: names } }) },
} as const;

/** `events.get_task_metrics`. */
export const taskMetricsResponse = {
  type: 'object',
  properties: { metrics: listOf({ type: 'object', properties: { task: text, metrics: names } }) },
} as const;

/** `events.get_scalar_metrics_and_variants`: metric -> variant -> {metric, variant}. */
export const metricsAndVariantsResponse = {
  type: 'object',
  properties: { metrics: mapOf(mapOf({ type: 'object', properties: { metric: text, variant: text } })) },
} as const;

/** `events.debug_images`: per task, iterations newest first with their samples. */
export const debugImagesResponse = {
  type: 'object',
  properties: {
    metrics: listOf({
      type: 'object',
      properties: { task: text, iterations: listOf({ type: 'object', properties: { iter: number, events: listOf(sampleEvent) } }) },
    }),
    scroll_id: text,
  },
} as const;

/** `events.get_debug_image_sample` / `events.next_debug_image_sample`. */
export const debugImageSampleResponse = {
  type: 'object',
  properties: {
    scroll_id: text,
    event: { ...sampleEvent, nullable: true },
    min_iteration: numberOrNull,
    max_iteration: numberOrNull,
  },
} as const;
