import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addEvents, createProject, createTask, startServer, type TestServer } from './helpers';

const image = (
  task: string,
  metric: string,
  variant: string,
  iter: number,
  url = `http://images.example/${metric}/${variant}/${iter}.png`,
) => ({
  type: 'training_debug_image',
  task,
  metric,
  variant,
  iter,
  url,
  timestamp: 1_700_000_000_000 + iter,
});

type Page = {
  metrics: { task: string; iterations: { iter: number; events: { metric: string; variant: string; iter: number; url: string }[] }[] }[];
  scroll_id?: string;
};

async function page(server: TestServer, body: object): Promise<Page> {
  const reply = await server.call('events.debug_images', body);
  assert.equal(reply.status, 200, JSON.stringify(reply.meta));
  return reply.data;
}

for (const plainClearml of [false, true]) {
  test(`events.debug_images (schema/services/events.conf, bll/event/metric_events_iterator.py) [${plainClearml ? 'plain' : 'full'}]: 12 image metrics x 2,000 iterations page back to iteration 0`, async (t) => {
    const server = await startServer({ plainClearml });
    t.after(() => server.close());
    const task = await createTask(server, await createProject(server));
    const metrics = Array.from({ length: 12 }, (_, i) => `metric ${String(i).padStart(2, '0')}`);
    const events = metrics.flatMap((metric) => Array.from({ length: 2000 }, (_, iter) => image(task, metric, 'v', iter)));
    assert.equal((await addEvents(server, events)).status, 200);
    // 8000 / (12 metrics x 600 iterations) = 1 variant per metric and iteration.
    const iters = 600;
    const seen = new Set<number>();
    let scrollId: string | null = null;
    let last = Infinity;
    for (let call = 0; call < 10; call++) {
      const answer: Page = await page(server, { metrics: [{ task }], iters, navigate_earlier: true, scroll_id: scrollId });
      assert.deepEqual(Object.keys(answer).sort(), ['metrics', 'scroll_id']);
      assert.equal(answer.metrics.length, 1);
      assert.deepEqual(Object.keys(answer.metrics[0]).sort(), ['iterations', 'task'], 'one entry per task, as clearml-server');
      const iterations = answer.metrics[0].iterations;
      if (!iterations.length) break;
      assert.ok(iterations.length <= iters);
      for (const it of iterations) {
        assert.ok(it.iter < last, 'newest first, each page older than the one before');
        last = it.iter;
        seen.add(it.iter);
        assert.deepEqual(
          it.events.map((e) => e.metric),
          metrics,
          'every metric at every iteration',
        );
      }
      scrollId = answer.scroll_id!;
    }
    assert.equal(seen.size, 2000);
    assert.ok(seen.has(0));
    // navigate_earlier: false from the oldest page goes back up; refresh starts at the newest.
    const newer = await page(server, { metrics: [{ task }], iters, navigate_earlier: false, scroll_id: scrollId });
    // The pages were 1999-1400, 1399-800, 799-200, 199-0, then an empty one that keeps the scroll where it was.
    assert.deepEqual([newer.metrics[0].iterations[0].iter, newer.metrics[0].iterations.at(-1)!.iter], [799, 200]);
    const refreshed = await page(server, { metrics: [{ task }], iters: 2, scroll_id: scrollId, refresh: true });
    assert.deepEqual(
      refreshed.metrics[0].iterations.map((i) => i.iter),
      [1999, 1998],
    );
  });
}

test('events.debug_images (bll/event/metric_events_iterator.py): 8000 / (metrics x iters) variants per metric and iteration; none left fails', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const task = await createTask(server, await createProject(server));
  const variants = ['a', 'b', 'c', 'd'];
  await addEvents(
    server,
    ['m1', 'm2', 'm3'].flatMap((metric) => variants.flatMap((variant) => [1, 2].map((iter) => image(task, metric, variant, iter)))),
  );
  // 3 metrics x 1000 iters: int(8000 / 3000) = 2 variants a metric, the first two by name.
  const capped = await page(server, { metrics: [{ task }], iters: 1000 });
  assert.deepEqual(
    capped.metrics[0].iterations.map((i) => i.iter),
    [2, 1],
  );
  assert.deepEqual(
    capped.metrics[0].iterations[0].events.map((e) => `${e.metric}/${e.variant}`),
    ['m1/a', 'm1/b', 'm2/a', 'm2/b', 'm3/a', 'm3/b'],
  );
  const all = await page(server, { metrics: [{ task }], iters: 2 });
  assert.equal(all.metrics[0].iterations[0].events.length, 12);

  // 9 metrics x 1000 iters: int(8000 / 9000) = 0, which clearml-server's Elasticsearch query refuses.
  const nine = await createTask(server, await createProject(server, 'nine'));
  await addEvents(
    server,
    Array.from({ length: 9 }, (_, i) => image(nine, `m${i}`, 'v', 1)),
  );
  const failed = await server.call('events.debug_images', { metrics: [{ task: nine }], iters: 1000 });
  assert.equal(failed.status, 400);
  assert.match(failed.meta.result_msg, /x_content_parse_exception.*\[terms\] failed to parse field \[size\]/);
  assert.equal((await server.call('events.debug_images', { metrics: [{ task: nine }], iters: 888 })).status, 200);
});

test('events.debug_images (schema/services/events.conf): scroll_id null accepted, variants asked for, recycled URLs, the iteration extension only when advertised', async (t) => {
  const full = await startServer();
  const plain = await startServer({ plainClearml: true });
  t.after(async () => {
    await full.close();
    await plain.close();
  });
  for (const server of [full, plain]) {
    const task = await createTask(server, await createProject(server));
    await addEvents(server, [
      ...[1, 2, 3, 4].map((iter) => image(task, 'm', 'cat', iter)),
      ...[1, 2, 3, 4].map((iter) => image(task, 'm', 'dog', iter)),
      // The SDK reuses file names: this variant's newest URL was also written at iteration 2.
      ...[1, 2, 3, 4].map((iter) => image(task, 'r', 'reused', iter, `http://images.example/slot${iter % 2}.png`)),
    ]);
    const first = await page(server, { metrics: [{ task, metric: 'm' }], iters: 2, scroll_id: null });
    assert.deepEqual(
      first.metrics[0].iterations.map((i) => i.iter),
      [4, 3],
    );
    const cats = await page(server, { metrics: [{ task, metric: 'm', variants: ['cat'] }], iters: 1 });
    assert.deepEqual(
      cats.metrics[0].iterations[0].events.map((e) => e.variant),
      ['cat'],
    );
    const reused = await page(server, { metrics: [{ task, metric: 'r' }], iters: 10 });
    assert.deepEqual(
      reused.metrics[0].iterations.map((i) => i.iter),
      [4, 3],
      "iterations up to the newest URL's previous use are left out",
    );
    // A metric reported after a scroll started joins it with refresh, as clearml-server's state does.
    const started = await page(server, { metrics: [{ task }], iters: 1 });
    await addEvents(server, [image(task, 'late', 'x', 5)]);
    const next = await page(server, { metrics: [{ task }], iters: 1, scroll_id: started.scroll_id, navigate_earlier: false });
    assert.deepEqual(next.metrics[0].iterations, []);
    const refreshed = await page(server, { metrics: [{ task }], iters: 1, scroll_id: started.scroll_id, refresh: true });
    assert.deepEqual(
      refreshed.metrics[0].iterations.map((i) => [i.iter, i.events.map((e) => e.metric)]),
      [[5, ['late']]],
    );
    const jump = await page(server, { metrics: [{ task, metric: 'm', iteration: 2 }], iters: 1 });
    assert.deepEqual(
      jump.metrics[0].iterations.map((i) => i.iter),
      server === full ? [2] : [4],
    );
  }
  // Before any debug sample exists, clearml-server answers no metrics and no scroll id.
  const empty = await startServer();
  t.after(() => empty.close());
  const task = await createTask(empty, await createProject(empty));
  assert.deepEqual((await empty.call('events.debug_images', { metrics: [{ task }] })).data, { metrics: [] });
});
