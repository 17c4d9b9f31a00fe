import { DebugSampleEvent } from '../../core/api/events-api';
import { naturalCompare } from '../../shared/natural-order';

/** One reported iteration of a column, with its samples (as `events.debug_images` returns them). */
export interface SampleIteration {
  iter: number;
  events: DebugSampleEvent[];
}

export type ColumnMove = 'older' | 'newer' | 'newest';

/** What a column shows once its target iteration is resolved against the iterations it has. */
export interface ColumnPosition {
  /** The iteration shown (null: the task has no samples for the metric). */
  shown: SampleIteration | null;
  /** The iteration asked for (null: the newest). */
  target: number | null;
  /** The shown iteration is the nearest reported one, not the one asked for. */
  isNearest: boolean;
  hasOlder: boolean;
  hasNewer: boolean;
  /** The shown iteration is the newest the column has. */
  atNewest: boolean;
}

/** Iteration numbers, newest first, without duplicates. */
export function iterationNumbers(iterations: SampleIteration[]): number[] {
  return [...new Set(iterations.map((i) => i.iter))].sort((a, b) => b - a);
}

/**
 * The reported iteration closest to `target`; on a tie the earlier one (a column never shows a
 * sample from later than asked when an equally close earlier one exists). Null when there are none.
 */
export function nearestIteration(iters: number[], target: number): number | null {
  let best: number | null = null;
  for (const iter of iters) {
    if (best === null) best = iter;
    else {
      const d = Math.abs(iter - target);
      const bestD = Math.abs(best - target);
      if (d < bestD || (d === bestD && iter < best)) best = iter;
    }
  }
  return best;
}

/** Resolves a column's target iteration (null = newest) against its iterations (any order). */
export function columnPosition(iterations: SampleIteration[], target: number | null): ColumnPosition {
  const iters = iterationNumbers(iterations);
  const empty: ColumnPosition = { shown: null, target, isNearest: false, hasOlder: false, hasNewer: false, atNewest: true };
  if (!iters.length) return empty;
  const iter = target === null ? iters[0] : nearestIteration(iters, target)!;
  const index = iters.indexOf(iter);
  const events = iterations.filter((i) => i.iter === iter).flatMap((i) => i.events);
  return {
    shown: { iter, events: sortSamples(events) },
    target,
    isNearest: target !== null && iter !== target,
    hasOlder: index < iters.length - 1,
    hasNewer: index > 0,
    atNewest: index === 0,
  };
}

/** The iteration a move goes to from `current`, or null when there is nowhere to go (an end). */
export function moveIteration(iters: number[], current: number | null, move: ColumnMove): number | null {
  const sorted = [...new Set(iters)].sort((a, b) => b - a);
  if (!sorted.length) return null;
  if (move === 'newest') return sorted[0];
  const at = current === null ? 0 : sorted.indexOf(current);
  if (at < 0) {
    // Not a reported iteration: go to the nearest one in the asked direction.
    const next = move === 'older' ? sorted.find((i) => i < current!) : [...sorted].reverse().find((i) => i > current!);
    return next ?? null;
  }
  const index = move === 'older' ? at + 1 : at - 1;
  return index >= 0 && index < sorted.length ? sorted[index] : null;
}

/** Samples of one iteration in a stable order: by metric, then variant. */
export function sortSamples(events: DebugSampleEvent[]): DebugSampleEvent[] {
  return [...events].sort((a, b) => naturalCompare(a.metric, b.metric) || naturalCompare(a.variant, b.variant));
}

/** The lowest and highest iteration over several columns (for the jump slider), or null. */
export function iterationRange(columns: SampleIteration[][]): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const column of columns) {
    for (const { iter } of column) {
      if (iter < min) min = iter;
      if (iter > max) max = iter;
    }
  }
  return min <= max ? [min, max] : null;
}

/** Iterations at which one metric/variant was reported, oldest first (for the viewer's slider). */
export function variantIterations(iterations: SampleIteration[], metric: string, variant: string): number[] {
  const iters = new Set<number>();
  for (const i of iterations) if (i.events.some((e) => e.metric === metric && e.variant === variant)) iters.add(i.iter);
  return [...iters].sort((a, b) => a - b);
}
