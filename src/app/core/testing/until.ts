/**
 * For specs: resolves once `done()` holds, checked after each animation frame (and `settle()`, e.g. a
 * fixture's whenStable). What the browser reports when it gets to it (intersection and resize
 * observers, layout) comes later on a busy machine: a spec waits for that state, bounded only by its
 * own timeout, never for a fixed time.
 */
export async function until(done: () => boolean, settle: () => Promise<unknown> = () => Promise.resolve()): Promise<void> {
  while (!done()) {
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    await settle();
  }
}
