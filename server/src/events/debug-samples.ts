import type { DebugSampleEvent } from '../db/events-repository';
import type { Repositories } from '../db/repositories';
import { ApiError } from '../api-error';
import type { DebugImagesBody } from '../services/events/debug-images-body';
import { decodeScrollId, encodeScrollId, isFiniteNumber, isRecord } from './scroll-id';

/** What `events.debug_images` asks (its body as the schema defines it). */
type DebugImagesRequest = DebugImagesBody;

/**
 * The events one `events.debug_images` call may return, as clearml-server's iterator budgets them
 * (bll/event/metric_events_iterator.py): 80% of Elasticsearch's 10,000 aggregation buckets.
 */
export const DEBUG_IMAGES_BUCKETS = 8000;

/** A task's scroll: the metrics asked (null: all, a metric's null: all its variants) and the page last returned. */
interface TaskScroll {
  task: string;
  metrics: Record<string, string[] | null> | null;
  min: number | null;
  max: number | null;
}

/** Makes a stored `/files/...` URL absolute on the origin the request came to (clients parse it with `new URL`). */
export type UrlResolver = (url: string) => string;

export function sampleEvent(s: DebugSampleEvent, resolve: UrlResolver = (url) => url) {
  const event: Record<string, unknown> = {
    type: 'training_debug_image',
    task: s.task,
    metric: s.metric,
    variant: s.variant,
    iter: s.iter,
    timestamp: s.ts,
    url: resolve(s.url),
  };
  if (s.key !== null) event.key = s.key;
  return event;
}

/** The request's metrics per task, as clearml-server's `_task_metrics_dict_from_request` groups them. */
function taskMetrics(request: DebugImagesRequest): Map<string, Record<string, string[] | null> | null> {
  const byTask = new Map<string, Record<string, string[] | null> | null>();
  for (const item of request.metrics) {
    if (!byTask.has(item.task)) byTask.set(item.task, {});
    const metrics = byTask.get(item.task);
    if (metrics === null) continue;
    if (item.metric === undefined) byTask.set(item.task, null);
    else metrics![item.metric] = item.variants?.length ? item.variants : null;
  }
  return byTask;
}

const isBound = (value: unknown) => value === null || isFiniteNumber(value);
const isVariants = (value: unknown) => value === null || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
const isTaskScroll = (value: unknown): value is TaskScroll =>
  isRecord(value) &&
  typeof value.task === 'string' &&
  (value.metrics === null || (isRecord(value.metrics) && Object.values(value.metrics).every(isVariants))) &&
  isBound(value.min) &&
  isBound(value.max);

/** A scroll this server handed out; anything else (unknown, or of another shape) starts anew, as clearml-server makes a new state for a scroll id it does not hold. */
function readScroll(scrollId: string | null | undefined): TaskScroll[] | null {
  if (!scrollId) return null;
  try {
    const decoded = JSON.parse(Buffer.from(scrollId, 'base64url').toString('utf8'));
    return decoded?.k === 'debug_images' && Array.isArray(decoded.c) && decoded.c.length > 0 && decoded.c.every(isTaskScroll)
      ? (decoded.c as TaskScroll[])
      : null;
  } catch {
    return null; // an unknown scroll starts anew, as clearml-server makes a new state for it
  }
}

/**
 * Per metric and variant of a task, the last iteration whose image was overwritten: the newest URL
 * reported at two iterations means the older ones show the newer image (the SDK reuses file names),
 * so events up to the second-newest use are left out (bll/event/metric_debug_images_iterator.py).
 */
function recycledUpTo(samples: readonly DebugSampleEvent[]): Map<string, number> {
  const newest = new Map<string, DebugSampleEvent>();
  for (const s of samples) {
    const key = `${s.metric}\u0000${s.variant}`;
    const current = newest.get(key);
    if (!current || s.iter > current.iter || (s.iter === current.iter && s.url > current.url)) newest.set(key, s);
  }
  const uses = new Map<string, number[]>();
  for (const s of samples) {
    const key = `${s.metric}\u0000${s.variant}`;
    if (newest.get(key)!.url === s.url) (uses.get(key) ?? uses.set(key, []).get(key)!).push(s.iter);
  }
  const invalid = new Map<string, number>();
  for (const [key, iters] of uses) {
    const distinct = [...new Set(iters)].sort((a, b) => b - a);
    if (distinct.length > 1) invalid.set(key, distinct[1]);
  }
  return invalid;
}

/** clearml-server's answer when the budget leaves no variant per metric and iteration (Elasticsearch refuses a terms size of 0). */
function budgetExceeded(metrics: number, iters: number): ApiError {
  return new ApiError(400, 0, "BadRequestError(400, 'x_content_parse_exception', '[terms] failed to parse field [size]')", {
    reason: `${DEBUG_IMAGES_BUCKETS} / (${metrics} metrics x ${iters} iters) leaves no variant per metric and iteration`,
    metrics,
    iters,
  });
}

/** One task's page of iterations, newest first, and its scroll moved on. */
function taskPage(repos: Repositories, scroll: TaskScroll, request: DebugImagesRequest, specificVariants: boolean, resolve: UrlResolver) {
  const all = repos.events.debugSamples(scroll.task, null);
  const wanted = scroll.metrics;
  const metricNames = [...new Set(all.map((s) => s.metric))].filter((m) => wanted === null || m in wanted).sort();
  if (!metricNames.length) return { task: scroll.task, iterations: [] as { iter: number; events: object[] }[] };
  const inMetrics = new Set(metricNames);
  const samples = all.filter((s) => inMetrics.has(s.metric));
  const earlier = scroll.max === null ? true : request.navigate_earlier;
  const inRange = (iter: number) => (earlier ? scroll.min === null || iter < scroll.min : scroll.max === null || iter > scroll.max);
  const maxVariants = Math.floor(DEBUG_IMAGES_BUCKETS / (metricNames.length * request.iters));
  if (maxVariants < 1) throw budgetExceeded(metricNames.length, request.iters);
  const iterations = [...new Set(samples.filter((s) => inRange(s.iter)).map((s) => s.iter))]
    .sort((a, b) => (earlier ? b - a : a - b))
    .slice(0, request.iters);
  const pageIters = new Set(iterations);
  const byIter = new Map<number, DebugSampleEvent[]>();
  for (const s of samples) if (pageIters.has(s.iter)) (byIter.get(s.iter) ?? byIter.set(s.iter, []).get(s.iter)!).push(s);
  const invalid = recycledUpTo(samples);
  const isValid = (s: DebugSampleEvent) => {
    const variants = wanted?.[s.metric];
    // Variants outside the ones asked for have no state: kept only when no call asks for variants.
    if (variants && !variants.includes(s.variant)) return !specificVariants;
    const upTo = invalid.get(`${s.metric}\u0000${s.variant}`);
    return upTo === undefined || s.iter > upTo;
  };
  const result: { iter: number; events: object[] }[] = [];
  for (const iter of iterations) {
    const events: object[] = [];
    const inIter = byIter.get(iter) ?? [];
    for (const metric of metricNames) {
      const variants = inIter
        .filter((s) => s.metric === metric)
        .sort((a, b) => (a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : 0))
        .slice(0, maxVariants);
      for (const s of variants) if (isValid(s)) events.push(sampleEvent(s, resolve));
    }
    if (events.length) result.push({ iter, events });
  }
  result.sort((a, b) => b.iter - a.iter);
  if (result.length) {
    scroll.max = result[0].iter;
    scroll.min = result[result.length - 1].iter;
  }
  return { task: scroll.task, iterations: result };
}

/**
 * `events.debug_images` as clearml-server's debug images iterator answers it: per task, pages of
 * `iters` iterations (newest first) holding each metric's variants, at most
 * 8000 / (metrics x iters) variants per metric and iteration; `scroll_id` with `navigate_earlier`
 * pages to older (or, false, newer) iterations, `refresh` starts again from the newest. With
 * `iterationJump` (this server's extension), an `iteration` in a metrics item starts that task's
 * page there.
 */
export function debugImages(repos: Repositories, request: DebugImagesRequest, iterationJump: boolean, resolve: UrlResolver) {
  if (!repos.events.hasDebugSamples()) return { metrics: [] };
  const asked = taskMetrics(request);
  // A scroll keeps the metrics the task had when it started; `refresh` takes in metrics added since.
  const known = (task: string, metrics: Record<string, string[] | null> | null) => {
    const out: Record<string, string[] | null> = {};
    for (const { metric } of repos.events.debugSampleVariants(task))
      if (metrics === null || metric in metrics) out[metric] = metrics?.[metric] ?? null;
    return out;
  };
  let state = readScroll(request.scroll_id);
  if (state === null) {
    state = [...asked].map(([task, metrics]) => ({ task, metrics: known(task, metrics), min: null, max: null }));
  } else if (request.refresh) {
    for (const scroll of state) {
      scroll.min = scroll.max = null;
      scroll.metrics = known(scroll.task, asked.has(scroll.task) ? asked.get(scroll.task)! : scroll.metrics);
    }
  }
  if (iterationJump) {
    for (const item of request.metrics) {
      const scroll = state.find((s) => s.task === item.task);
      if (item.iteration !== undefined && scroll) {
        scroll.min = item.iteration + 1;
        scroll.max = null;
      }
    }
  }
  const specificVariants = request.metrics.some((m) => m.metric !== undefined && m.variants?.length);
  const metrics = state.map((scroll) => taskPage(repos, scroll, request, specificVariants, resolve));
  return { metrics, scroll_id: Buffer.from(JSON.stringify({ k: 'debug_images', c: state }), 'utf8').toString('base64url') };
}

interface SampleCursor {
  task: string;
  metric: string;
  variant: string;
  iter: number;
  current_metric: boolean;
}

const isSampleCursor = (value: unknown): value is SampleCursor =>
  isRecord(value) &&
  typeof value.task === 'string' &&
  typeof value.metric === 'string' &&
  typeof value.variant === 'string' &&
  isFiniteNumber(value.iter) &&
  typeof value.current_metric === 'boolean';

function sampleResponse(repos: Repositories, sample: DebugSampleEvent | null, cursor: SampleCursor, resolve: UrlResolver) {
  const range = repos.events.debugSampleIterRange(cursor.task, cursor.metric, cursor.variant);
  return {
    scroll_id: encodeScrollId('debug_image_sample', cursor),
    event: sample ? sampleEvent(sample, resolve) : null,
    min_iteration: range.min_iteration,
    max_iteration: range.max_iteration,
  };
}

/** `events.get_debug_image_sample`: one variant's sample at an iteration (or its latest). */
export function debugImageSample(
  repos: Repositories,
  body: { task: string; metric: string; variant: string; iteration?: number; navigate_current_metric?: boolean },
  resolve: UrlResolver,
) {
  let sample = repos.events.debugSample(body.task, body.metric, body.variant, body.iteration ?? null);
  if (!sample && body.iteration !== undefined) {
    const all = repos.events.debugSamples(body.task, body.metric).filter((s) => s.variant === body.variant);
    sample = all.find((s) => s.iter <= body.iteration!) ?? all[all.length - 1] ?? null;
  }
  return sampleResponse(
    repos,
    sample,
    {
      task: body.task,
      metric: body.metric,
      variant: body.variant,
      iter: sample?.iter ?? body.iteration ?? 0,
      current_metric: body.navigate_current_metric ?? true,
    },
    resolve,
  );
}

/** `events.next_debug_image_sample`: the neighbour variant at the same iteration, or the neighbour iteration. */
export function nextDebugImageSample(
  repos: Repositories,
  body: { task: string; scroll_id: string; navigate_earlier?: boolean; next_iteration?: boolean },
  resolve: UrlResolver,
) {
  const cursor = decodeScrollId('debug_image_sample', body.scroll_id, isSampleCursor);
  const earlier = body.navigate_earlier ?? true;
  const task = body.task || cursor.task;
  // Oldest first, then by metric and variant.
  let samples = repos.events.debugSamples(task, cursor.current_metric ? cursor.metric : null).reverse();
  samples.sort((a, b) => a.iter - b.iter || a.metric.localeCompare(b.metric) || a.variant.localeCompare(b.variant));
  if (body.next_iteration) samples = samples.filter((s) => s.metric === cursor.metric && s.variant === cursor.variant);
  const compare = (s: DebugSampleEvent) =>
    s.iter - cursor.iter || s.metric.localeCompare(cursor.metric) || s.variant.localeCompare(cursor.variant);
  const found = earlier ? [...samples].reverse().find((s) => compare(s) < 0) : samples.find((s) => compare(s) > 0);
  if (!found) return sampleResponse(repos, null, { ...cursor, task }, resolve);
  return sampleResponse(repos, found, { ...cursor, task, metric: found.metric, variant: found.variant, iter: found.iter }, resolve);
}
