import { mergeHistograms, relativeWindowGroups } from './chart-series-fetch';

describe('relativeWindowGroups', () => {
  it('asks once for tasks started together and separately for one started far apart', () => {
    const origins = { a: 1_000_000, b: 1_002_000, c: 9_000_000 };
    // 10 s to 20 s from each start: a 10 s window per task.
    expect(relativeWindowGroups(['a', 'b', 'c'], origins, [10, 20])).toEqual([
      { taskIds: ['a', 'b'], window: [1_010_000, 1_022_000] },
      { taskIds: ['c'], window: [9_010_000, 9_020_000] },
    ]);
  });

  it('leaves out tasks without a known start', () => {
    expect(relativeWindowGroups(['a', 'x'], { a: 0 }, [0, 1])).toEqual([{ taskIds: ['a'], window: [0, 1000] }]);
  });
});

describe('mergeHistograms', () => {
  it('joins the tasks of each metric/variant', () => {
    const s = (name: string) => ({ name, x: [1], y: [1] });
    expect(mergeHistograms([{ loss: { train: { a: s('a') } } }, { loss: { train: { b: s('b') }, val: { b: s('b') } } }])).toEqual({
      loss: { train: { a: s('a'), b: s('b') }, val: { b: s('b') } },
    });
  });
});
