// Property-based tests: every API endpoint gets random and malformed bodies, on tasks that may hold
// odd stored shapes, and must answer with the ClearML envelope, never a 500, with a message that
// names the problem. FUZZ_BODIES sets the number of bodies (default 10,000); the run's seed is
// printed, and FUZZ_SEED=<seed> repeats it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { encodeScrollId } from '../src/events/scroll-id';
import { addEvents, createProject, createTask, scalar, startServer, type TestServer } from './helpers';

const BODIES = Number(process.env.FUZZ_BODIES ?? 10_000);
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
/** Every `/api/<service>.<action>` the app registers, read from its route table. */
let ALL_ENDPOINTS: string[] = [];

let server: TestServer;
let ids: { project: string; task: string; other: string; model: string; scroll: string; pages: string; plots: string };

/** The slowest answer of the run, and how many took over a second (printed, not asserted: the machine may be busy). */
const slowest = { ms: 0, what: '' };
let overOneSecond = 0;
let bodiesSent = 0;
let serverErrors = 0;

async function send(name: string, method: 'GET' | 'POST', type: string, payload: string) {
  const started = performance.now();
  const response = await server.app.inject({ method, url: `/api/v2.31/${name}`, headers: { 'content-type': type }, payload });
  const ms = performance.now() - started;
  bodiesSent++;
  if (response.statusCode >= 500) serverErrors++;
  if (ms > 1000) overOneSecond++;
  if (ms > slowest.ms)
    Object.assign(slowest, { ms, what: `${name} (${payload.length.toLocaleString('en-US')} bytes: ${payload.slice(0, 80)})` });
  return response;
}

before(async () => {
  server = await startServer();
  const routes = server.app.printRoutes({ commonPrefix: false });
  ALL_ENDPOINTS = [...new Set([...routes.matchAll(/\/api\/([a-z_]+\.[a-z_]+)/g)].map((m) => m[1]))].sort();
  const project = await createProject(server, 'fuzz');
  const task = await createTask(server, project, { name: 'fuzz task' });
  const other = await createTask(server, project, { name: 'other task' });
  const model = (await server.call('models.create', { name: 'm', uri: 'file:///m.pt' })).data.id;
  await addEvents(server, [
    scalar(task, 'loss', 'train', 1, 0.5),
    { type: 'plot', task, metric: 'roc', variant: 'v', iter: 1, plot_str: '{"data":[]}' },
    { type: 'training_debug_image', task, metric: 'img', variant: 'v', iter: 1, url: '/files/a.png' },
    { type: 'log', task, msg: 'hello' },
  ]);
  const sample = await server.call('events.get_debug_image_sample', { task, metric: 'img', variant: 'v' });
  const pages = await server.call('events.debug_images', { metrics: [{ task, metric: 'img' }] });
  const plots = await server.call('events.get_multi_task_plots', { tasks: [task] });
  ids = { project, task, other, model, scroll: sample.data.scroll_id, pages: pages.data.scroll_id, plots: plots.data.scroll_id };
  console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} repeats this run), ${BODIES} bodies`);
});
after(() => {
  console.log(
    `${bodiesSent.toLocaleString('en-US')} bodies sent in all, ${serverErrors} answered 5xx; slowest answer ${slowest.ms.toFixed(0)} ms: ${slowest.what}; ${overOneSecond} over 1 s`,
  );
  return server.close();
});

/** A body each endpoint accepts; the mutations start from it. */
function validBody(name: string): Record<string, unknown> {
  const { project, task, other, model, scroll, pages, plots } = ids;
  const tasks = [task, other];
  const bodies: Record<string, Record<string, unknown>> = {
    'server.info': {},
    'auth.login': {},
    'projects.get_all_ex': { page: 0, page_size: 10 },
    'projects.get_all': { name: 'fuzz' },
    'projects.get_by_id': { project },
    'projects.create': { name: 'p', description: 'd' },
    'projects.get_task_tags': { projects: [project] },
    'tasks.get_all_ex': { project: [project], page: 0, page_size: 5, only_fields: ['name'], order_by: ['-last_update'] },
    'tasks.get_all': { id: tasks },
    'tasks.get_by_id': { task },
    'tasks.create': { name: 'n', project, type: 'training', hyperparams: { Args: { lr: { name: 'lr', value: '0.1' } } } },
    'tasks.edit': { task: other, comment: 'c', tags: ['a'] },
    'tasks.started': { task: other },
    'tasks.stopped': { task: other },
    'tasks.completed': { task: other },
    'tasks.failed': { task: other },
    'tasks.set_requirements': { task: other, requirements: { pip: 'numpy' } },
    'tasks.ping': { task: other },
    'tasks.reset': { task: other },
    'tasks.add_or_update_artifacts': { task: other, artifacts: [{ key: 'k', type: 'json' }] },
    'tasks.add_or_update_model': { task: other, name: 'm', model, type: 'output' },
    'models.create': { name: 'm', uri: 's3://b/m.pt', labels: { a: 1 }, project },
    'events.add_batch': { type: 'training_stats_scalar', task: other, metric: 'm', variant: 'v', iter: 1, value: 1 },
    'events.get_multi_task_metrics': { tasks, event_type: 'plot' },
    'events.get_task_metrics': { tasks },
    'events.multi_task_scalar_metrics_iter_histogram': { tasks, samples: 100, key: 'iter', metrics: [{ metric: 'loss' }] },
    'events.get_task_single_value_metrics': { tasks },
    'events.get_multi_task_plots': { tasks, iters: 1, scroll_id: plots },
    'events.debug_images': { metrics: [{ task, metric: 'img' }], iters: 2, scroll_id: pages },
    'events.get_debug_image_sample': { task, metric: 'img', variant: 'v' },
    'events.next_debug_image_sample': { task, scroll_id: scroll },
    'events.get_task_log': { task, batch_size: 10 },
    'events.add': { type: 'log', task: other, msg: 'm' },
    'tasks.close': { task: other },
    'tasks.publish': { task: other },
    'tasks.update': { task: other, comment: 'u' },
    'tasks.get_hyper_params': { tasks },
    'tasks.get_configurations': { tasks },
    'tasks.delete_hyper_params': { task: other, hyperparams: [{ section: 'Args' }] },
    'tasks.delete_configuration': { task: other, configuration: ['cfg'] },
    'tasks.delete_artifacts': { task: other, artifacts: [{ key: 'k' }] },
    'tasks.edit_hyper_params': { task: other, hyperparams: [{ section: 'Args', name: 'lr', value: '0.2' }], replace_hyperparams: 'none' },
    'tasks.edit_configuration': { task: other, configuration: [{ name: 'cfg', value: 'a: 1' }], replace_configuration: false },
    'tasks.add_or_update_metadata': { task: other, metadata: [{ key: 'k', value: 'v' }] },
    'events.scalar_metrics_iter_histogram': { task, samples: 100, key: 'iter' },
    'events.get_scalar_metrics_and_variants': { task },
    'events.get_task_plots': { task, iters: 1 },
    'models.add_or_update_metadata': { model, metadata: [{ key: 'k', value: 'v' }] },
    'workers.register': { worker: 'w' },
    'workers.unregister': { worker: 'w' },
    'workers.status_report': { worker: 'w', timestamp: 0 },
    'users.get_vaults': {},
    'models.get_by_id': { model },
    'models.get_all': { id: [model] },
    'models.edit': { model, comment: 'c' },
    'models.update': { model, comment: 'c' },
    'models.set_ready': { model },
    'projects.update': { project, description: 'd' },
    'users.get_current_user': {},
  };
  // An endpoint added without a body here is still fuzzed, from an empty body.
  if (!bodies[name]) console.log(`note: no valid body for ${name} in fuzz-api.test.ts; mutating {}`);
  return bodies[name] ?? {};
}

/** Deeply nested JSON goes into the payload as text, so neither side recurses to build it. */
const DEEP = '\u0001deep';
const HUGE = '\u0001huge';
const DEEP_JSON = '{"a":['.repeat(5000) + '1' + ']}'.repeat(5000);
const HUGE_JSON = JSON.stringify('ü'.repeat(300_000));
const serialize = (body: unknown) =>
  (JSON.stringify(body) ?? 'undefined').replaceAll(JSON.stringify(DEEP), DEEP_JSON).replaceAll(JSON.stringify(HUGE), HUGE_JSON);

/** Values that do not belong: wrong types, huge and odd strings, deep nesting, odd numbers. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', '<img src=x onerror=alert(1)>', '((((', '.*', '\ud800', 'a'.repeat(5000), HUGE),
  fc.constantFrom(-1, 0, 1.5, -2147483648, 2 ** 53, -(2 ** 63), 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.constantFrom(null, true, [], {}, [null], [''], { a: [{ b: [{ c: [1] }] }] }, DEEP),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 120 }),
  // Shapes a map field must not take (a section as a string, a list of null) and scroll ids that
  // decode to a cursor of the wrong shape.
  fc.constantFrom(
    { General: 'abc' },
    { General: null },
    { General: { lr: '1' } },
    { artifacts: 'a' },
    { artifacts: [null] },
    { output: [null] },
  ),
  fc
    .constantFrom('debug_image_sample', 'debug_images', 'plots')
    .chain((kind) =>
      fc
        .constantFrom(null, 1, 'x', [], {}, { a: [1] }, { task: 1, iter: 'x' }, { done: 'yes' })
        .map((cursor) => encodeScrollId(kind, cursor)),
    ),
);

/** Odd shapes an older database may hold in a task's JSON columns (written with SQL before a body). */
const oddStored = fc.option(
  fc.record({
    column: fc.constantFrom('hyperparams', 'execution', 'models', 'configuration', 'script'),
    value: fc.constantFrom(
      '"text"',
      'null',
      '[null]',
      '{"General":"abc"}',
      '{"General":null}',
      '{"artifacts":"abc"}',
      '{"artifacts":[null]}',
      '{"output":"abc"}',
      '{"output":[null]}',
      '{"input":[null],"output":[1]}',
      '{"cfg":null}',
    ),
  }),
  { freq: 4 },
);

/** Writes an odd shape into both fuzzed tasks, or well-formed values back. */
const shapeStatements = new Map<string, { run(...params: unknown[]): unknown }>();
function storeShape(shape: { column: string; value: string } | null) {
  const statement = (sql: string) => shapeStatements.get(sql) ?? shapeStatements.set(sql, server.app.repos.db.prepare(sql)).get(sql)!;
  statement(
    "UPDATE tasks SET hyperparams = '{}', execution = '{}', models = '{}', configuration = '{}', script = '{}' WHERE id IN (?, ?)",
  ).run(ids.task, ids.other);
  if (shape) statement(`UPDATE tasks SET ${shape.column} = ? WHERE id IN (?, ?)`).run(shape.value, ids.task, ids.other);
}

/** A body: a valid one with one field changed, added or removed, or something else entirely. */
function bodies(name: string): fc.Arbitrary<{ body: unknown; field: string | null }> {
  const valid = validBody(name);
  const keys = Object.keys(valid);
  const mutated = fc
    .record({
      key: keys.length ? fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 })) : fc.string({ maxLength: 12 }),
      value: hostile,
    })
    .map(({ key, value }) => ({ body: { ...valid, [key]: value } as unknown, field: key }));
  const dropped = keys.length
    ? fc.constantFrom(...keys).map((key) => {
        const body: Record<string, unknown> = { ...valid };
        delete body[key];
        return { body: body as unknown, field: key };
      })
    : mutated;
  const whole = hostile.map((body) => ({ body, field: null }));
  return fc.oneof({ weight: 5, arbitrary: mutated }, { weight: 1, arbitrary: dropped }, { weight: 2, arbitrary: whole });
}

function assertEnvelope(name: string, status: number, text: string, field: string | null) {
  assert.ok(status < 500, `${name} answered ${status}: ${text.slice(0, 300)}`);
  const parsed = JSON.parse(text);
  assert.equal(parsed.meta.result_code, status, `${name}: result_code`);
  assert.equal(typeof parsed.meta.result_msg, 'string');
  assert.ok(parsed.data !== null && typeof parsed.data === 'object', `${name}: data`);
  if (status === 200) return;
  const message: string = parsed.meta.result_msg;
  assert.ok(message.length > 0 && message.length <= 1000, `${name}: message length ${message.length}`);
  assert.deepEqual(parsed.data, {});
  // A schema error names the field (or the body itself when the body is what is wrong).
  if (parsed.meta.result_subcode === 12 && field) {
    assert.ok(
      message.includes(field) || /Validation error: body (?!\/)/.test(message) || /must (have|NOT have) /.test(message),
      `${name}: '${message}' does not name '${field}'`,
    );
  }
}

test('every API endpoint answers random and malformed bodies, on tasks holding odd stored shapes, with the envelope, never a 500', async () => {
  const counts: string[] = [];
  const runsEach = Math.ceil(BODIES / ALL_ENDPOINTS.length);
  for (const [index, name] of ALL_ENDPOINTS.entries()) {
    let runs = 0;
    const details = fc.check(
      fc.asyncProperty(bodies(name), fc.constantFrom('POST', 'GET'), oddStored, async ({ body, field }, method, shape) => {
        runs++;
        storeShape(shape);
        const response = await send(name, method as 'GET' | 'POST', 'application/json', serialize(body));
        assertEnvelope(name, response.statusCode, response.body, field);
      }),
      { numRuns: runsEach, seed: SEED + index },
    );
    const result = await details;
    if (result.failed) {
      const cause = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
      assert.fail(
        `${name}, FUZZ_SEED=${SEED} (property seed ${result.seed}, path ${result.counterexamplePath}), body ${JSON.stringify(result.counterexample).slice(0, 300)}: ${cause.slice(0, 500)}`,
      );
    }
    counts.push(`${name} ${runs}`);
  }
  storeShape(null);
  console.log(`fuzzed ${ALL_ENDPOINTS.length} endpoints, ${runsEach} bodies each: ${counts.join(', ')}`);
});

test('raw bodies that are not JSON, not an object, or empty are refused with the envelope', async () => {
  let runs = 0;
  const raw = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom('{', '[1,', '{"task": NaN}', '{"a":1}{"b":2}', 'null', '"text"', '['.repeat(100_000), '{"a":'.repeat(50_000)),
  );
  const types = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json-lines');
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...ALL_ENDPOINTS), raw, types, async (name, payload, type) => {
      runs++;
      const response = await send(name, 'POST', type, payload);
      assertEnvelope(name, response.statusCode, response.body, null);
    }),
    { numRuns: Math.ceil(BODIES / 40), seed: SEED },
  );
  console.log(`raw bodies: ${runs} cases over ${ALL_ENDPOINTS.length} endpoints, no 500`);
});

/** -0 and 0 are the same value to SQLite. */
const zero = (value: number) => (value === 0 ? 0 : value);

const junkEvent = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{"type":"training_stats_scalar","task":"T","metric":"m","variant":"v","iter":1,"value":NaN}',
    '{"type":"training_stats_scalar","task":"T","metric":"m","variant":"v","iter":1,"value":Infinity}',
    '{"type":"training_stats_scalar","task":"T","metric":"m","variant":"v","iter":1.5,"value":1}',
    '{"type":"training_stats_scalar","task":"T","metric":"m","variant":"v","iter":1e300,"value":1}',
    '{"type":"training_stats_scalar","task":"T","metric":"m","variant":"v","iter":"7","value":1}',
    '{"type":"training_stats_scalar","task":"T","metric":5,"variant":"v","iter":1,"value":1}',
    '{"type":"training_stats_scalar","task":"no-such-task","metric":"m","variant":"v","iter":1,"value":1}',
    '{"type":"training_stats_scalar","task":"T","metric":"m","variant":"v","iter":1,"value":"1"}',
    '{"type":"plot","task":"T","metric":"m","variant":"v","plot_str":{}}',
    '{"type":"nonsense","task":"T"}',
    '{"task":"T","value":1}',
    '{"type":"training_stats_scalar","task":"T","metric":"m","variant":"v","iter":1,"value":1',
  ),
);

test('add_batch: valid events among malformed ones are all stored, the malformed ones counted', async () => {
  const project = await createProject(server, 'batch fuzz');
  let runs = 0;
  let storedTotal = 0;
  let refusedTotal = 0;
  const validEvent = fc.record({
    metric: fc.constantFrom('loss', 'acc', 'ünï©ødé ✓', '<b>x</b>'),
    variant: fc.constantFrom('train', 'val'),
    iter: fc.oneof(fc.integer({ min: -5, max: 50 }), fc.constantFrom(0, 2 ** 31, 2 ** 40, -(2 ** 31) + 1)),
    value: fc.double({ noNaN: true, noDefaultInfinity: true }),
    // Fields the server does not know are ignored, as the SDK sends some (allow_locked, worker...).
    extra: fc.dictionary(fc.constantFrom('worker', 'allow_locked', 'x', 'ünknown', 'model_event'), fc.jsonValue({ maxDepth: 2 }), {
      maxKeys: 2,
    }),
  });
  const entries = fc.array(
    fc.oneof(
      { weight: 3, arbitrary: validEvent.map((v) => ({ valid: v })) },
      junkEvent.map((junk) => ({ junk })),
    ),
    {
      minLength: 1,
      maxLength: 40,
    },
  );
  await fc.assert(
    fc.asyncProperty(entries, async (list) => {
      // A body that is one JSON array is a list of events, not one bad line.
      fc.pre(!(list.length === 1 && 'junk' in list[0] && list[0].junk.startsWith('[')));
      runs++;
      const task = await createTask(server, project);
      const lines = list.map((e) =>
        'valid' in e
          ? JSON.stringify({ ...e.valid.extra, type: 'training_stats_scalar', task, ...e.valid, extra: undefined })
          : e.junk.replaceAll('"T"', JSON.stringify(task)),
      );
      const response = await server.app.inject({
        method: 'POST',
        url: '/api/v2.31/events.add_batch',
        headers: { 'content-type': 'application/json-lines' },
        payload: lines.join('\n'),
      });
      assert.equal(response.statusCode, 200, response.body.slice(0, 300));
      const data = response.json().data;
      const valid = list.flatMap((e) => ('valid' in e ? [e.valid] : []));
      // A junk line can happen to be a valid event only if it names the task, which none of them does validly.
      assert.equal(data.added, valid.length, JSON.stringify(data.errors_info).slice(0, 300));
      assert.equal(data.errors, list.length - valid.length);
      for (const key of Object.keys(data.errors_info)) assert.match(key, /event \d+: |'|malformed|unsupported|invalid task|must be/);
      // What is stored: for each (metric, variant, iter) the last value sent.
      const expected = new Map<string, number>();
      for (const v of valid) expected.set(`${v.metric}\u0000${v.variant}\u0000${v.iter}`, v.value);
      const rows = server.app.repos.db
        .prepare('SELECT s.metric, s.variant, p.iter, p.value FROM scalars p JOIN scalar_series s ON s.id = p.series WHERE s.task = ?')
        .all(task) as { metric: string; variant: string; iter: number; value: number }[];
      assert.equal(rows.length, expected.size);
      for (const row of rows) assert.equal(zero(row.value), zero(expected.get(`${row.metric}\u0000${row.variant}\u0000${row.iter}`)!));
      // last_metrics agrees with the points: count, last value (highest iteration), min and max.
      const series = server.app.repos.scalars.seriesOfTasks([task]);
      for (const s of series) {
        const points = rows.filter((r) => r.metric === s.metric && r.variant === s.variant).sort((a, b) => a.iter - b.iter);
        assert.equal(s.count, points.length);
        assert.equal(zero(s.value!), zero(points[points.length - 1].value));
        assert.equal(s.last_iter, points[points.length - 1].iter);
        assert.equal(zero(s.min_value!), zero(Math.min(...points.map((p) => p.value))));
        assert.equal(zero(s.max_value!), zero(Math.max(...points.map((p) => p.value))));
      }
      storedTotal += valid.length;
      refusedTotal += list.length - valid.length;
    }),
    { numRuns: Math.ceil(BODIES / 200), seed: SEED },
  );
  bodiesSent += runs;
  console.log(`add_batch: ${runs} mixed batches, ${storedTotal} valid events stored and checked, ${refusedTotal} malformed refused`);
});
