/**
 * Chart draws run one at a time, each followed by a chance for the browser to paint, so a page of
 * charts never holds the main thread for longer than one chart and the first chart shows as soon
 * as it is drawn rather than when the last one is. A job queued again before it ran runs once.
 */
export type DrawJob = () => Promise<void> | void;

const queue: DrawJob[] = [];
const queued = new Set<DrawJob>();
let running = false;

/**
 * `afterPaint`: when the queue is idle, start once the page has been painted rather than on the
 * next task. For a chart's first draw: the elements just added around it (a whole tab, on a fresh
 * page) are then laid out and painted in their own frame, not inside the draw's task, and the
 * draw's own paint has less to do, so the first chart is on screen sooner.
 */
export function queueDraw(job: DrawJob, { afterPaint = false }: { afterPaint?: boolean } = {}): void {
  if (queued.has(job)) return;
  queued.add(job);
  queue.push(job);
  if (!running) {
    // Start on a later task, so every chart queued in this turn waits its turn behind the first.
    running = true;
    if (afterPaint) void nextFrame().then(run);
    else setTimeout(() => void run(), 0);
  }
}

/** Drops a job that has not run yet (a chart destroyed before its turn). */
export function cancelDraw(job: DrawJob): void {
  if (!queued.delete(job)) return;
  queue.splice(queue.indexOf(job), 1);
}

async function run(): Promise<void> {
  try {
    while (queue.length) {
      const job = queue.shift()!;
      queued.delete(job);
      try {
        await job();
      } catch {
        // A job reports its own errors; the queue goes on.
      }
      if (queue.length) await nextFrame();
    }
  } finally {
    running = false;
  }
}

/** After the next paint (or 50 ms when the page is hidden and frames do not come). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 50);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}
