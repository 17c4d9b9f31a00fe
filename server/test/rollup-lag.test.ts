import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { openRepositories } from '../src/db/repositories';
import { ROLLUP_LAG } from '../src/db/scalars-repository';
import { seriesHistogram, type HistogramOptions } from '../src/events/scalar-histogram';

/**
 * Small appends leave up to ROLLUP_LAG points outside the rollups; a histogram must not be able to
 * tell: the same points stored in one block (rolled up at once) or in many small batches (some
 * still pending) give the same answer, over the whole series and inside zoom windows.
 */
function store(batches: number[][]): ReturnType<typeof openRepositories>['repos'] {
  const { repos } = openRepositories(':memory:');
  for (const batch of batches) {
    repos.transaction(() =>
      repos.scalars.addSeriesPoints(
        't',
        'loss',
        'train',
        batch.map((iter) => ({ iter, value: Math.sin(iter) * 10 + (iter % 97 === 0 ? 500 : 0), ts: 1e12 + iter * 10 })),
      ),
    );
  }
  return repos;
}

function histogram(repos: ReturnType<typeof store>, options: HistogramOptions) {
  const [series] = repos.scalars.seriesOfTasks(['t']);
  return seriesHistogram(repos.scalars, series, options);
}

/** Equal, but for the last digit of bucket means (sums added in another order may round apart). */
function sameHistogram(actual: ReturnType<typeof histogram>, expected: ReturnType<typeof histogram>) {
  assert.deepEqual({ ...actual, y: [] }, { ...expected, y: [] });
  assert.equal(actual.y.length, expected.y.length);
  actual.y.forEach((y, i) => assert.ok(Math.abs(y - expected.y[i]) <= 1e-7 * Math.max(1, Math.abs(y)), `y[${i}] ${y} vs ${expected.y[i]}`));
}

test('a histogram is the same whether recent points are rolled up or still pending', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6000 }),
      fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 200 }),
      fc.option(fc.tuple(fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 0, max: 6000 }))),
      (total, sizes, samples, window) => {
        const iters = Array.from({ length: total }, (_, i) => i * 3 + 1);
        const batches: number[][] = [];
        for (let i = 0, b = 0; i < iters.length; b++) {
          const size = sizes[b % sizes.length];
          batches.push(iters.slice(i, i + size));
          i += size;
        }
        const whole = store([iters]);
        const small = store(batches);
        const [pending] = small.scalars.seriesOfTasks(['t']);
        assert.ok(pending.rollup_pending < ROLLUP_LAG);
        const xRange = window ? ([Math.min(...window), Math.max(...window)] as [number, number]) : null;
        for (const key of ['iter', 'timestamp'] as const) {
          const range = xRange && key === 'timestamp' ? ([1e12 + xRange[0] * 10, 1e12 + xRange[1] * 10] as [number, number]) : xRange;
          sameHistogram(histogram(small, { samples, key, xRange: range }), histogram(whole, { samples, key, xRange: range }));
        }
        whole.db.close();
        small.db.close();
      },
    ),
    { numRuns: 60 },
  );
});

test('small appends leave at most ROLLUP_LAG points pending, and a rewrite rolls everything up', () => {
  const { repos } = openRepositories(':memory:');
  const add = (iters: number[]) =>
    repos.transaction(() =>
      repos.scalars.addSeriesPoints(
        't',
        'loss',
        'train',
        iters.map((iter) => ({ iter, value: iter, ts: iter })),
      ),
    );
  const pending = () => repos.scalars.seriesOfTasks(['t'])[0].rollup_pending;
  for (let i = 0; i < 100; i++) {
    add(Array.from({ length: 10 }, (_, j) => i * 10 + j));
    assert.ok(pending() < ROLLUP_LAG, `${pending()} pending after batch ${i}`);
  }
  assert.equal(
    pending(),
    1000 % ROLLUP_LAG === 0
      ? 0
      : 1000 - Math.floor(1000 / ROLLUP_LAG) * ROLLUP_LAG - ((1000 - Math.floor(1000 / ROLLUP_LAG) * ROLLUP_LAG) % 10),
  );
  add([5]);
  assert.equal(pending(), 0, 'an out-of-order point rebuilds the series and its rollups');
  const rolled = repos.db.prepare('SELECT count(*) FROM scalar_rollups').pluck().get() as number;
  assert.ok(rolled > 0);
});
