import type { DebugSampleEvent } from '../db/events-repository';
import type { Repositories } from '../db/repositories';
import { decodeScrollId, encodeScrollId, isFiniteNumber, isRecord } from './scroll-id';

export interface DebugImagesRequest {
  metrics: { task: string; metric?: string; variants?: string[]; iteration?: number }[];
  iters: number;
  navigate_earlier: boolean;
  refresh: boolean;
  scroll_id?: string;
}

/** Per task and metric: the lowest and highest iteration of the page last returned. */
type ScrollState = Record<string, [number, number]>;

const isScrollState = (value: unknown): value is ScrollState =>
  isRecord(value) &&
  Object.values(value).every((range) => Array.isArray(range) && range.length === 2 && range.every(isFiniteNumber));

export function sampleEvent(s: DebugSampleEvent) {
  const event: Record<string, unknown> = {
    type: 'training_debug_image',
    task: s.task,
    metric: s.metric,
    variant: s.variant,
    iter: s.iter,
    timestamp: s.ts,
    url: s.url,
  };
  if (s.key !== null) event.key = s.key;
  return event;
}

/** `events.debug_images`: pages of iterations per task and metric, newest first. */
export function debugImages(repos: Repositories, request: DebugImagesRequest) {
  const state: ScrollState = request.scroll_id ? decodeScrollId('debug_images', request.scroll_id, isScrollState) : {};
  const next: ScrollState = { ...state };
  const metrics = request.metrics.map((item) => {
    const key = `${item.task}|${item.metric ?? ''}`;
    let samples = repos.events.debugSamples(item.task, item.metric ?? null);
    if (item.variants?.length) samples = samples.filter((s) => item.variants!.includes(s.variant));
    const iterations = [...new Set(samples.map((s) => s.iter))]; // newest first
    const previous = request.refresh ? undefined : state[key];
    let page: number[];
    if (item.iteration !== undefined) {
      const at = iterations.findIndex((iter) => iter <= item.iteration!);
      page = at >= 0 ? iterations.slice(at, at + request.iters) : iterations.slice(-request.iters);
    } else if (previous && request.navigate_earlier) {
      page = iterations.filter((iter) => iter < previous[0]).slice(0, request.iters);
    } else if (previous) {
      page = iterations.filter((iter) => iter > previous[1]).slice(-request.iters);
    } else {
      page = iterations.slice(0, request.iters);
    }
    if (page.length) next[key] = [page[page.length - 1], page[0]];
    const byIter = new Map<number, DebugSampleEvent[]>();
    for (const s of samples) if (page.includes(s.iter)) (byIter.get(s.iter) ?? byIter.set(s.iter, []).get(s.iter)!).push(s);
    return {
      task: item.task,
      ...(item.metric !== undefined ? { metric: item.metric } : {}),
      iterations: page.map((iter) => ({ iter, events: (byIter.get(iter) ?? []).map(sampleEvent) })),
    };
  });
  return { scroll_id: encodeScrollId('debug_images', next), metrics };
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

function sampleResponse(repos: Repositories, sample: DebugSampleEvent | null, cursor: SampleCursor) {
  const range = repos.events.debugSampleIterRange(cursor.task, cursor.metric, cursor.variant);
  return {
    scroll_id: encodeScrollId('debug_image_sample', cursor),
    event: sample ? sampleEvent(sample) : null,
    min_iteration: range.min_iteration,
    max_iteration: range.max_iteration,
  };
}

/** `events.get_debug_image_sample`: one variant's sample at an iteration (or its latest). */
export function debugImageSample(
  repos: Repositories,
  body: { task: string; metric: string; variant: string; iteration?: number; navigate_current_metric?: boolean },
) {
  let sample = repos.events.debugSample(body.task, body.metric, body.variant, body.iteration ?? null);
  if (!sample && body.iteration !== undefined) {
    const all = repos.events.debugSamples(body.task, body.metric).filter((s) => s.variant === body.variant);
    sample = all.find((s) => s.iter <= body.iteration!) ?? all[all.length - 1] ?? null;
  }
  return sampleResponse(repos, sample, {
    task: body.task,
    metric: body.metric,
    variant: body.variant,
    iter: sample?.iter ?? body.iteration ?? 0,
    current_metric: body.navigate_current_metric ?? true,
  });
}

/** `events.next_debug_image_sample`: the neighbour variant at the same iteration, or the neighbour iteration. */
export function nextDebugImageSample(
  repos: Repositories,
  body: { task: string; scroll_id: string; navigate_earlier?: boolean; next_iteration?: boolean },
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
  const found = earlier
    ? [...samples].reverse().find((s) => compare(s) < 0)
    : samples.find((s) => compare(s) > 0);
  if (!found) return sampleResponse(repos, null, { ...cursor, task });
  return sampleResponse(repos, found, { ...cursor, task, metric: found.metric, variant: found.variant, iter: found.iter });
}
