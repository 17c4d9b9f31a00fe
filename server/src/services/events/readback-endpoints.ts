import type { Repositories } from '../../db/repositories';
import { seriesHistogram, type HistogramKey } from '../../events/scalar-histogram';
import { endpoint, idString, object } from '../../http/endpoint';
import { requireTask } from '../tasks/task-ids';
import { metricsAndVariantsResponse, taskPlotsResponse } from './event-response';

/** Cap on plots returned at once by `events.get_task_plots` (its caller pages no further). */
const PLOTS_CAP = 10_000;

function scalarsOfTask(repos: Repositories, task: string, key: HistogramKey, samples: number) {
  const metrics: Record<string, Record<string, { name: string; x: (number | string)[]; y: number[] }>> = {};
  for (const series of repos.scalars.seriesOfTasks([task])) {
    const { x, y } = seriesHistogram(repos.scalars, series, { samples, key, xRange: null });
    (metrics[series.metric] ??= {})[series.variant] = { name: series.variant, x, y };
  }
  return metrics;
}

const histogramBody = object(
  {
    task: idString,
    key: { type: 'string', enum: ['iter', 'timestamp', 'iso_time'] },
    samples: { type: 'integer', minimum: 1, maximum: 6000 },
  },
  ['task'],
);

/**
 * What a script reads back from its own task (`Task.get_reported_scalars`, `get_reported_plots`,
 * `get_last_scalar_metrics`-style calls), in the single-task shapes those SDK methods parse.
 */
export const readbackEndpoints = [
  endpoint({
    name: 'events.scalar_metrics_iter_histogram',
    body: histogramBody,
    handler: (body, { repos }) => scalarsOfTask(repos, requireTask(repos, body.task), body.key ?? 'iter', body.samples ?? 6000),
  }),
  endpoint({
    name: 'events.get_scalar_metrics_and_variants',
    body: object({ task: idString }, ['task']),
    response: metricsAndVariantsResponse,
    serialiseBySchema: false,
    handler: ({ task }, { repos }) => {
      const metrics: Record<string, Record<string, { metric: string; variant: string }>> = {};
      for (const { metric, variant } of repos.scalars.seriesOfTasks([requireTask(repos, task)]))
        (metrics[metric] ??= {})[variant] = { metric, variant };
      return { metrics };
    },
  }),
  endpoint({
    name: 'events.get_task_plots',
    body: object(
      {
        task: idString,
        iters: { type: 'integer', minimum: 1, maximum: 1000 },
        scroll_id: { type: 'string' },
        no_scroll: { type: 'boolean' },
      },
      ['task'],
    ),
    response: taskPlotsResponse,
    serialiseBySchema: false,
    handler: ({ task, iters }, { repos }) => {
      requireTask(repos, task);
      const plots = repos.events
        .plotVariants(task)
        .flatMap(({ metric, variant }) => repos.events.lastPlots(task, metric, variant, iters ?? 1))
        .slice(0, PLOTS_CAP)
        .map((p) => ({
          type: 'plot',
          task: p.task,
          metric: p.metric,
          variant: p.variant,
          iter: p.iter,
          timestamp: p.ts,
          plot_str: p.plot_str,
        }));
      return { plots, returned: plots.length, total: plots.length, scroll_id: null };
    },
  }),
];
