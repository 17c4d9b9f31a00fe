/**
 * Tasks asked for per request, and requests in flight at once. Whole tasks can be large (10,000-line
 * requirements and diffs): in chunks, each answer is parsed in a short task on the page's thread and
 * the server prepares the next chunk meanwhile.
 */
export const DETAILS_CHUNK = 10;
export const DETAILS_REQUESTS_IN_FLIGHT = 3;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
