import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { largeDataset, LONG_SERIES_POINTS } from '../../src/seed/demo/index.js';

describe('large data set', () => {
  it('yields the requested counts', () => {
    const [p] = largeDataset({ tasks: 7, iterations: 1234, metrics: 13 });
    assert.equal(p.name, 'Benchmark');
    assert.equal(p.tasks.length, 7);
    const ids = new Set(p.tasks.map((t) => t.id));
    assert.equal(ids.size, 7);
    for (const t of p.tasks) {
      assert.match(t.id, /^[0-9a-f]{32}$/);
      assert.equal(t.scalars.length, 13);
      const names = new Set(t.scalars.map((s) => `${s.metric}/${s.variant}`));
      assert.equal(names.size, 13, 'series names unique');
      assert.ok(new Set(t.scalars.map((s) => s.metric)).size >= 3, 'spread over a few metrics');
      for (const s of t.scalars) {
        let n = 0;
        let prev = -Infinity;
        for (const [iter, value, ts] of s.points()) {
          assert.ok(iter > prev);
          prev = iter;
          if (!Number.isFinite(value) || !Number.isFinite(ts)) assert.fail('non-finite point');
          n++;
        }
        assert.equal(n, 1234);
      }
      const params = Object.values(t.hyperparams).reduce((a, s) => a + Object.keys(s).length, 0);
      assert.ok(params >= 45 && params <= 60, `${params} parameters`);
      assert.ok(t.script.requirements.pip.split('\n').length > 90);
    }
  });

  it('is deterministic', () => {
    const a = largeDataset({ tasks: 3, iterations: 500, metrics: 4 });
    const b = largeDataset({ tasks: 3, iterations: 500, metrics: 4 });
    assert.deepEqual(
      a[0].tasks.map((t) => t.id),
      b[0].tasks.map((t) => t.id),
    );
    assert.deepEqual([...a[0].tasks[2].scalars[3].points()], [...b[0].tasks[2].scalars[3].points()]);
    assert.notDeepEqual([...a[0].tasks[0].scalars[0].points()], [...a[0].tasks[1].scalars[0].points()]);
  });

  it('generates points lazily', () => {
    const [p] = largeDataset({ tasks: 1, iterations: 1e12, metrics: 1 });
    const it = p.tasks[0].scalars[0].points()[Symbol.iterator]();
    const first = it.next();
    assert.equal(first.done, false);
    assert.equal(first.value[0], 1);
  });

  it('adds one task with a 1,000,000-point series for long runs', () => {
    const [p] = largeDataset({ tasks: 2, iterations: 100_000, metrics: 1 });
    assert.equal(p.tasks.length, 3);
    const long = p.tasks.at(-1)!;
    assert.equal(long.scalars.length, 1);
    assert.equal(long.scalars[0].metric, 'loss');
    assert.equal(long.scalars[0].variant, 'long');
    let n = 0;
    let spikes = 0;
    let prev = 0;
    for (const [, v] of long.scalars[0].points()) {
      if (n > 1000 && v > 4 * prev) spikes++;
      prev = v;
      n++;
    }
    assert.equal(n, LONG_SERIES_POINTS);
    assert.ok(spikes > 10, `spikes: ${spikes}`);
    const [small] = largeDataset({ tasks: 2, iterations: 99_999, metrics: 1 });
    assert.equal(small.tasks.length, 2);
  });
});
