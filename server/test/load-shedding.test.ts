// Under many concurrent clients: identical reads in flight are computed once, a long histogram
// lets other requests through between its slices, and past --max-queue requests are answered 503
// with Retry-After while server.info still answers.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { test } from 'node:test';
import { DEFAULT_MAX_QUEUE, RETRY_AFTER_SEC } from '../src/http/load-shedding';
import { addEvents, createProject, createTask, scalar, startServer, type TestServer } from './helpers';

const HISTOGRAM = 'events.multi_task_scalar_metrics_iter_histogram';

async function tasksWithSeries(server: TestServer, count: number, points: number): Promise<string[]> {
  const project = await createProject(server);
  const tasks: string[] = [];
  for (let i = 0; i < count; i++) {
    const task = await createTask(server, project, { name: `run ${i}` });
    const events = [];
    for (const metric of ['loss', 'accuracy', 'lr']) {
      for (let iter = 0; iter < points; iter++) events.push(scalar(task, metric, 'train', iter, Math.sin(iter / 7 + i)));
    }
    const reply = await addEvents(server, events);
    assert.equal(reply.status, 200, reply.meta?.result_msg);
    tasks.push(task);
  }
  return tasks;
}

function inject(server: TestServer, name: string, body: unknown, headers: Record<string, string> = {}) {
  return server.app.inject({ method: 'POST', url: `/api/v2.31/${name}`, payload: body as object, headers });
}

async function listening(server: TestServer): Promise<string> {
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const address = server.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

async function until(what: string, condition: () => boolean) {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(condition(), what);
}

test('identical histogram and task list requests in flight are computed once; every caller gets the answer', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  const tasks = await tasksWithSeries(server, 5, 300);
  const body = { tasks, samples: 100 };
  const before = server.app.reads.computations;
  const replies = await Promise.all(Array.from({ length: 20 }, () => inject(server, HISTOGRAM, body)));
  assert.equal(server.app.reads.computations - before, 1, '20 identical requests, one computation');
  const first = replies[0].json();
  assert.equal(Object.keys(first.data.metrics.loss.train).length, 5);
  const ids = new Set<string>();
  for (const reply of replies) {
    assert.equal(reply.statusCode, 200);
    const parsed = reply.json();
    assert.deepEqual(parsed.data, first.data);
    ids.add(parsed.meta.id);
  }
  assert.equal(ids.size, 20, 'each caller gets its own envelope');

  // Another body, or another caller, is another computation.
  const mixed = await Promise.all([
    inject(server, HISTOGRAM, body, { authorization: 'Bearer one' }),
    inject(server, HISTOGRAM, body, { authorization: 'Bearer one' }),
    inject(server, HISTOGRAM, body, { authorization: 'Bearer two' }),
    inject(server, HISTOGRAM, { ...body, samples: 50 }, { authorization: 'Bearer one' }),
  ]);
  for (const reply of mixed) assert.equal(reply.statusCode, 200);
  assert.equal(server.app.reads.computations - before, 4, 'one more for each distinct (caller, body)');
  assert.equal(server.app.reads.size, 0, 'nothing is kept once answered');

  // The task table's query likewise.
  const query = { order_by: ['-name'], only_fields: ['name', 'status'], page: 0, page_size: 50 };
  const lists = await Promise.all(Array.from({ length: 10 }, () => inject(server, 'tasks.get_all_ex', query)));
  for (const reply of lists)
    assert.deepEqual(
      reply.json().data.tasks.map((t: { name: string }) => t.name),
      ['run 4', 'run 3', 'run 2', 'run 1', 'run 0'],
    );
  assert.equal(server.app.reads.computations - before, 5);

  // An error is every caller's answer too.
  const unknown = await Promise.all([inject(server, HISTOGRAM, { tasks: ['nope'] }), inject(server, HISTOGRAM, { tasks: ['nope'] })]);
  for (const reply of unknown) assert.equal(reply.statusCode, 400);
  assert.equal(server.app.reads.computations - before, 6);
});

test('a flood past --max-queue is answered 503 with Retry-After while server.info answers', async (t) => {
  const maxQueue = 4;
  const server = await startServer({ maxQueue });
  t.after(() => server.close());
  const tasks = await tasksWithSeries(server, 3, 200);
  // Distinct bodies (no coalescing), all sent at once, with server.info among them.
  const flood = Array.from({ length: 30 }, (_, i) => inject(server, HISTOGRAM, { tasks, samples: 100 + i }));
  const info = inject(server, 'server.info', {});
  const replies = await Promise.all(flood);
  const infoReply = await info;
  assert.equal(infoReply.statusCode, 200, 'server.info is never shed');
  const statuses = replies.map((r) => r.statusCode);
  assert.equal(statuses.filter((s) => s === 200).length, maxQueue, statuses.join(' '));
  assert.equal(statuses.filter((s) => s === 503).length, 30 - maxQueue, statuses.join(' '));
  for (const reply of replies.filter((r) => r.statusCode === 503)) {
    assert.equal(reply.headers['retry-after'], String(RETRY_AFTER_SEC));
    const parsed = reply.json();
    assert.equal(parsed.meta.result_code, 503);
    assert.equal(parsed.meta.endpoint.name, HISTOGRAM);
    assert.match(parsed.meta.result_msg, /^Server busy: 4 requests in progress \(at most 4\); retry after 1 s$/);
    assert.equal(parsed.meta.error_data.max_queue, maxQueue);
  }
  assert.equal(server.app.load.shed, 30 - maxQueue);
  assert.equal(server.app.load.inFlight, 0, 'every answered request released its place');
  const after = await inject(server, HISTOGRAM, { tasks, samples: 100 });
  assert.equal(after.statusCode, 200, 'answered again once the flood is over');
});

/**
 * Sends `count` histogram requests at once from another process (a client in this process would
 * share the server's event loop and could only send between its computations), then server.info;
 * answers `status/retry-after` counts and server.info's status and latency.
 */
function floodFromAnotherProcess(base: string, tasks: string[], count: number): Promise<{ counts: Record<string, number>; info: string }> {
  const script = `
    const post = async (name, body) => {
      try {
        const r = await fetch(${JSON.stringify(base)} + '/api/v2.31/' + name, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        const j = await r.json();
        return r.status + '/' + r.headers.get('retry-after') + '/' + j.meta.result_code;
      } catch (e) { return 'error ' + (e.cause?.code ?? e.message); }
    };
    const flood = Promise.all(Array.from({ length: ${count} }, (_, i) => post('${HISTOGRAM}', { tasks: ${JSON.stringify(tasks)}, samples: 100 + i })));
    const info = new Promise((resolve) => setTimeout(async () => { const t = performance.now(); const r = await post('server.info', {}); resolve(r + ' in ' + (performance.now() - t).toFixed(0) + ' ms'); }, 20));
    Promise.all([flood, info]).then(([replies, info]) => {
      const counts = {};
      for (const r of replies) counts[r] = (counts[r] || 0) + 1;
      console.log(JSON.stringify({ counts, info }));
    });
  `;
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['-e', script], (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout)))),
  );
}

test('a flood over HTTP from another process: past --max-queue 503 with Retry-After, server.info answers', async (t) => {
  const maxQueue = 2;
  const server = await startServer({ maxQueue });
  // server.info's time in the server, from its headers read to its answer written (the flooding
  // process's own figure includes the time its event loop spends on its 60 other requests).
  let infoInServer = NaN;
  server.app.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.config?.endpoint === 'server.info') infoInServer = reply.elapsedTime;
  });
  t.after(() => server.close());
  const tasks = await tasksWithSeries(server, 10, 1000);
  const base = await listening(server);
  const { counts, info } = await floodFromAnotherProcess(base, tasks, 60);
  console.log(
    `60 histogram requests at once, --max-queue ${maxQueue}: ${JSON.stringify(counts)}; ` +
      `server.info ${info} in the flooding process, ${infoInServer.toFixed(1)} ms in the server`,
  );
  assert.match(info, /^200\//, 'server.info answers');
  for (const answer of Object.keys(counts)) assert.ok(['200/null/200', `503/${RETRY_AFTER_SEC}/503`].includes(answer), answer);
  assert.ok(counts[`503/${RETRY_AFTER_SEC}/503`] > 0, 'some requests were refused');
  assert.equal(server.app.load.shed, counts[`503/${RETRY_AFTER_SEC}/503`]);
  assert.equal(server.app.load.inFlight, 0);
});

test('clients sending their bodies slowly hold no place', async (t) => {
  const server = await startServer({ maxQueue: 2 });
  let started = 0;
  server.app.addHook('onRequest', async () => {
    started++;
  });
  t.after(() => server.close());
  const tasks = await tasksWithSeries(server, 2, 10);
  const base = await listening(server);
  const url = new URL(`${base}/api/v2.31/${HISTOGRAM}`);
  const before = started;
  const slow = Array.from({ length: 5 }, (_, i) => {
    const body = JSON.stringify({ tasks, samples: 500 + i });
    const client = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    client.on('error', () => {});
    client.write(body.slice(0, body.length / 2));
    return client;
  });
  await until('the slow requests are received', () => started - before === 5);
  assert.equal(server.app.load.inFlight, 0);
  const reply = await inject(server, HISTOGRAM, { tasks });
  assert.equal(reply.statusCode, 200, 'answered while 5 bodies are still arriving, with --max-queue 2');
  for (const client of slow) client.destroy();
});

test('server.info answers between the slices of a long histogram computation; a write made meanwhile is seen', async (t) => {
  const server = await startServer();
  t.after(() => server.close());
  assert.equal(server.app.load.maxQueue, DEFAULT_MAX_QUEUE);
  const tasks = await tasksWithSeries(server, 20, 1500);
  const base = await listening(server);
  const post = async (name: string, body: unknown) => {
    const started = performance.now();
    const response = await fetch(`${base}/api/v2.31/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started, at: performance.now() };
  };
  const computations = server.app.reads.computations;
  const histogram = post(HISTOGRAM, { tasks, samples: 777, envelope: true });
  let histogramDone = false;
  void histogram.then(() => (histogramDone = true));
  // This test's own code runs only when the server's event loop turns: seeing the computation
  // started but not answered means the server is between two slices of it.
  await until('the histogram computation starts', () => server.app.reads.computations > computations);
  assert.equal(histogramDone, false, 'the histogram is still being computed');
  const info = await post('server.info', {});
  // A client hanging up while its request is held releases its place.
  const other = JSON.stringify({ tasks, samples: 555 });
  const client = httpRequest(new URL(`${base}/api/v2.31/${HISTOGRAM}`), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(other) },
  });
  client.on('error', () => {});
  client.end(other);
  await until('the second request is held', () => server.app.load.inFlight === 2 || histogramDone);
  const hungUpWhileHeld = server.app.load.inFlight === 2;
  client.destroy();
  await until('its place is released', () => server.app.load.inFlight === (histogramDone ? 0 : 1));
  // A client writing while the same histogram is computed, then asking for it, sees its write.
  const written = await addEvents(server, [scalar(tasks[0], 'loss', 'train', 1500, 0.5)]);
  assert.equal(written.status, 200);
  const stillComputing = !histogramDone;
  const mine = await inject(server, HISTOGRAM, { tasks, samples: 777, envelope: true });
  assert.equal(mine.json().data.metrics.loss.train[tasks[0]].total, 1501);
  const done = await histogram;
  assert.equal(info.status, 200);
  assert.equal(done.status, 200);
  console.log(
    `20-task histogram computed in ${done.ms.toFixed(0)} ms; server.info sent during it answered in ${info.ms.toFixed(1)} ms; ` +
      `a write ${stillComputing ? 'during it' : 'after it'} was seen by the same request sent next; ` +
      `a client hung up ${hungUpWhileHeld ? 'while its request was held' : 'after the histogram'}`,
  );
  assert.ok(info.at < done.at, 'server.info was answered before the histogram');
});
