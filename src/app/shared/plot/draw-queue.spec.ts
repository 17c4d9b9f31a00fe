import { cancelDraw, queueDraw } from './draw-queue';

describe('queueDraw', () => {
  it('runs draws one at a time, in order, with a paint between them', async () => {
    const log: string[] = [];
    let frames = 0;
    const counter = () => {
      frames++;
      if (log.length < 3) requestAnimationFrame(counter);
    };
    requestAnimationFrame(counter);
    const done = new Promise<void>((resolve) => {
      queueDraw(async () => {
        log.push(`a start ${frames}`);
        await new Promise((r) => setTimeout(r, 5));
        log.push('a end');
      });
      queueDraw(() => void log.push('b'));
      queueDraw(() => {
        log.push('c');
        resolve();
      });
    });
    await done;
    expect(log.slice(1)).toEqual(['a end', 'b', 'c']);
    expect(frames).toBeGreaterThanOrEqual(2);
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
    const log: string[] = [];
    const done = new Promise<void>((resolve) => {
      queueDraw(
        () => {
          log.push('draw');
          resolve();
        },
        { afterPaint: true },
      );
      requestAnimationFrame(() => log.push('frame'));
    });
    await done;
    expect(log).toEqual(['frame', 'draw']);
  });
});
