import { SampleIteration } from '../sample-navigation';

/**
 * clearml-server's debug-image iterator answers at most this many events a call, split evenly:
 * `events / (metrics × iters)` variants per metric per iteration (more are dropped; none left and
 * the call fails).
 */
export const DEBUG_IMAGE_EVENTS_BUDGET = 8000;
/** Variants per metric per iteration a page leaves room for. */
export const VARIANTS_ROOM = 32;
/** Iterations per page at most. */
export const MAX_PAGE_ITERATIONS = 100;
/** Older pages asked in a row for one step back when the server's answers hold nothing older (an expired scroll). */
export const MAX_CATCH_UP_PAGES = 50;

/** Iterations per `events.debug_images` page for a column over `metricCount` metrics, within the budget. */
export function pageIterations(metricCount: number): number {
  const metrics = Math.max(1, metricCount);
  return Math.max(1, Math.min(MAX_PAGE_ITERATIONS, Math.floor(DEBUG_IMAGE_EVENTS_BUDGET / (metrics * VARIANTS_ROOM))));
}

/** The oldest iteration held (columns hold iterations newest first). */
export function oldestIteration(iterations: readonly SampleIteration[]): number | null {
  let oldest: number | null = null;
  for (const { iter } of iterations) if (oldest === null || iter < oldest) oldest = iter;
  return oldest;
}

/**
 * A column after a fresh first page (a live refresh): the page's iterations, then the older ones
 * held before. `keepsOlder`: some held iterations are older than the page (their paging goes on).
 */
export function mergeNewestPage(
  held: readonly SampleIteration[],
  page: readonly SampleIteration[],
): { iterations: SampleIteration[]; keepsOlder: boolean } {
  const pageOldest = oldestIteration(page);
  if (pageOldest === null) return { iterations: [...page], keepsOlder: false };
  const older = held.filter((i) => i.iter < pageOldest);
  return { iterations: [...page, ...older], keepsOlder: older.length > 0 };
}
