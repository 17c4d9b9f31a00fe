import { changeStamp, isRunning, livePoll, refreshIntervalMs } from './live-updates';

describe('live updates', () => {
  it('treats queued and in-progress tasks as running', () => {
    expect(isRunning('queued')).toBeTrue();
    expect(isRunning('in_progress')).toBeTrue();
    for (const status of ['created', 'completed', 'failed', 'stopped', 'published', null, undefined]) expect(isRunning(status)).toBeFalse();
  });

  it('changes the stamp when a status, last update or last change moves, whatever the order of the tasks', () => {
    const a = { id: 'a', status: 'in_progress', last_update: 't1', last_change: 'c1' };
    const b = { id: 'b', status: 'completed', last_update: 't0', last_change: 'c0' };
    const stamp = changeStamp([a, b]);
    expect(changeStamp([b, a])).toBe(stamp);
    expect(changeStamp([{ ...a, last_update: 't2' }, b])).not.toBe(stamp);
    expect(changeStamp([{ ...a, last_change: 'c2' }, b])).not.toBe(stamp);
    expect(changeStamp([{ ...a, status: 'completed' }, b])).not.toBe(stamp);
  });

  it('reads the interval in seconds, 10 s by default, within bounds', () => {
    expect(refreshIntervalMs(null)).toBe(10_000);
    expect(refreshIntervalMs('abc')).toBe(10_000);
    expect(refreshIntervalMs('2')).toBe(2_000);
    expect(refreshIntervalMs('0')).toBe(500);
    expect(refreshIntervalMs('99999')).toBe(3_600_000);
  });

  it('polls only when on, with a running task, and a valid comparison', () => {
    expect(livePoll(['a', 'b'], ['completed', 'in_progress'], true, 1000, 100)).toEqual({ ids: ['a', 'b'], intervalMs: 1000 });
    expect(livePoll(['a', 'b'], ['completed', 'in_progress'], false, 1000, 100)).toBeNull();
    expect(livePoll(['a', 'b'], ['completed', 'failed'], true, 1000, 100)).toBeNull();
    expect(livePoll([], [], true, 1000, 100)).toBeNull();
    expect(livePoll(['a', 'b'], ['queued', 'queued'], true, 1000, 1)).toBeNull();
  });
});
