import { cancelDraw, queueDraw } from './draw-queue';

/**
 * Timers and frames under the spec's control: a frame is painted only when `paint()` says so, and
 * timers run only when the clock is ticked. The order the queue guarantees is then what the spec
 * sees, however busy the machine (on which a real frame can come later than a timer).
 */
function controlledFrames() {
  const frames: FrameRequestCallback[] = [];
  jasmine.clock().install();
  spyOn(window, 'requestAnimationFrame').and.callFake((callback: FrameRequestCallback) => frames.push(callback));
  /** Lets every pending promise callback run (the queue awaits its jobs between steps). */
  const settle = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };
  return {
    settle,
    async tick(ms: number) {
      jasmine.clock().tick(ms);
      await settle();
    },
    async paint() {
      for (const callback of frames.splice(0)) callback(performance.now());
      jasmine.clock().tick(0);
      await settle();
    },
  };
}

describe('queueDraw', () => {
  afterEach(() => jasmine.clock().uninstall());

  it('runs draws one at a time, in order, with a paint between them', async () => {
    const browser = controlledFrames();
    const log: string[] = [];
    queueDraw(async () => {
      log.push('a start');
      await new Promise((r) => setTimeout(r, 5));
      log.push('a end');
    });
    queueDraw(() => void log.push('b'));
    queueDraw(() => void log.push('c'));
    await browser.settle();
    expect(log).toEqual([]);
    await browser.tick(0);
    expect(log).toEqual(['a start']);
    await browser.tick(5);
    expect(log).toEqual(['a start', 'a end']);
    await browser.paint();
    expect(log).toEqual(['a start', 'a end', 'b']);
    await browser.paint();
    expect(log).toEqual(['a start', 'a end', 'b', 'c']);
  });

  it('goes on without a paint after 50 ms (a hidden page paints no frames)', async () => {
    const browser = controlledFrames();
    const log: string[] = [];
    queueDraw(() => void log.push('a'));
    queueDraw(() => void log.push('b'));
    await browser.tick(0);
    expect(log).toEqual(['a']);
    await browser.tick(49);
    expect(log).toEqual(['a']);
    await browser.tick(1);
    expect(log).toEqual(['a', 'b']);
  });

  it('runs a job queued twice once, skips a cancelled one, and goes on after a failing one', async () => {
    const log: string[] = [];
    const twice = () => void log.push('twice');
    const cancelled = () => void log.push('cancelled');
    const done = new Promise<void>((resolve) => {
      queueDraw(() => {
        throw new Error('broken chart');
      });
      queueDraw(twice);
      queueDraw(twice);
      queueDraw(cancelled);
      cancelDraw(cancelled);
      queueDraw(() => resolve());
    });
    await done;
    expect(log).toEqual(['twice']);
  });

  it('starts a first draw asked for afterPaint once a frame has been painted', async () => {
    const browser = controlledFrames();
    const log: string[] = [];
    queueDraw(() => void log.push('draw'), { afterPaint: true });
    await browser.tick(0);
    expect(log).toEqual([]);
    await browser.paint();
    expect(log).toEqual(['draw']);
  });
});
