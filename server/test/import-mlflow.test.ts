import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { openRepositories, type Repositories } from '../src/db/repositories';
import type { TaskRow } from '../src/db/task-record';
import { listExperiments, parseMetricLine, readMetricLines, readRun } from '../src/import/mlflow/file-store';
import { MlflowStore } from '../src/import/mlflow/store-import';
import { ImportSummary } from '../src/import/writer';
import { startServer, tempDir as newTempDir } from './helpers';

const MLRUNS = join(__dirname, 'fixtures/mlflow/mlruns');
const ADAM = '3f1c2d4e5a6b7c8d9e0f1a2b3c4d5e6f';

const dirs: string[] = [];
const tempDir = () => {
  const dir = newTempDir('import-mlflow-');
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function importStore(root: string, repos: Repositories, filesDir: string, project?: string) {
  const summary = new ImportSummary();
  new MlflowStore({ repos, filesDir }, root, project).pass(summary, {});
  return summary;
}

function byName(repos: Repositories): Record<string, Partial<TaskRow>> {
  const ids = repos.tasks.query({});
  return Object.fromEntries(repos.tasks.rows(ids, null).map((r) => [r.name, r]));
}

test('the file store is read as MLflow writes it: experiments, run meta.yaml, params, metrics, tags, artifacts', () => {
  const experiments = listExperiments(MLRUNS);
  assert.deepEqual(
    experiments.map((e) => [e.id, e.name, e.deleted, e.runDirs.length]),
    [
      ['0', 'Default', false, 0],
      // The experiment's `tags` and `datasets` folders are not runs; a deleted run is listed (and skipped on import).
      ['1', 'cifar-sweep', false, 4],
      ['2', 'scratch', true, 0],
      // Deleted: MLflow moved it to .trash.
      ['3', 'old-sweep', true, 1],
    ],
  );
  const run = readRun(join(MLRUNS, '1', ADAM));
  assert.equal(run.runId, ADAM);
  assert.equal(run.status, 'FINISHED');
  assert.equal(run.startTime, Date.parse('2026-01-01T00:00:00Z'));
  // Keys with '/' are nested folders.
  assert.deepEqual(Object.fromEntries(run.params), {
    batch_size: '128',
    lr: '0.001',
    'model/depth': '18',
    'model/width': '4',
    optimizer: 'adam',
  });
  assert.equal(run.tags.get('dataset/version'), 'v2');
  assert.deepEqual(run.metricFiles.map((f) => f.key).sort(), ['accuracy', 'loss/train', 'loss/val']);
  const steps: number[] = [];
  const val = run.metricFiles.find((f) => f.key === 'loss/val')!;
  const end = readMetricLines(val.path, { from: 0, final: true, point: (_ts, _value, step) => steps.push(step), badLine: assert.fail });
  assert.deepEqual(steps, [4, 9, 14, 19]);
  assert.equal(end, val.size);
  assert.equal(run.tags.get('mlflow.runName'), 'adam-lr-0.001');
  assert.ok(run.artifacts.some((a) => a.path === 'model/requirements.txt'));
});

test('runs become tasks: name, status, times, params, metrics, tags, source, packages and artifacts', async (t) => {
  const { repos } = openRepositories(':memory:');
  const server = await startServer();
  t.after(() => server.close());
  const summary = importStore(MLRUNS, repos, server.filesDir);
  assert.deepEqual(
    summary.lines().filter((l) => l.startsWith('skipped')),
    ['skipped 2x: deleted experiment', 'skipped 1x: deleted run'],
  );
  const tasks = byName(repos);
  assert.deepEqual(Object.keys(tasks).sort(), ['adam-lr-0.001', 'adamw-running', 'sgd-lr-0.1']);
  assert.deepEqual(
    Object.values(tasks)
      .map((t) => [t.name, t.status])
      .sort(),
    [
      ['adam-lr-0.001', 'completed'],
      ['adamw-running', 'in_progress'],
      ['sgd-lr-0.1', 'failed'],
    ],
  );
  assert.deepEqual(
    repos.projects.query({}).map((p) => p.name),
    ['cifar-sweep'],
  );
  const adam = tasks['adam-lr-0.001'];
  assert.equal(adam.started, '2026-01-01T00:00:00.000Z');
  assert.equal(adam.completed, '2026-01-01T01:00:00.000Z');
  assert.equal(tasks['adamw-running'].completed, null);
  assert.equal(adam.comment, 'Baseline with Adam; **best** so far.');
  assert.deepEqual(JSON.parse(adam.tags!), ['mlflow', 'dataset/version=v2', 'team=vision']);
  assert.equal(JSON.parse(adam.hyperparams!).mlflow.lr.value, '0.001');
  assert.equal(JSON.parse(adam.hyperparams!).mlflow['model/depth'].value, '18');
  const script = JSON.parse(adam.script!);
  assert.equal(script.version_num, '1b9e2f0c4d8a7e6b5c3d1f0a9e8d7c6b5a4f3e2d');
  assert.equal(script.entry_point, 'train.py');
  assert.match(script.requirements.pip, /^mlflow==2\.14\.1\ntorch==2\.3\.1/);
  assert.match(script.requirements.conda, /name: mlflow-env/);

  const series = Object.fromEntries(repos.scalars.seriesOfTasks([adam.id!]).map((s) => [`${s.metric}/${s.variant}`, s]));
  assert.deepEqual(Object.keys(series).sort(), ['accuracy/accuracy', 'loss/train', 'loss/val']);
  assert.equal(series['loss/train'].count, 20);
  assert.equal(series['loss/val'].count, 4);
  assert.equal(series['loss/train'].first_ts, Date.parse('2026-01-01T00:00:00Z'));

  // A line from before MLflow logged steps (`timestamp value`) is step 0.
  const sgd = tasks['sgd-lr-0.1'];
  const epochTime = repos.scalars.seriesOfTasks([sgd.id!]).find((s) => s.metric === 'epoch_time')!;
  assert.deepEqual([epochTime.count, epochTime.last_iter, epochTime.value], [1, 0, 412.5]);

  const artifacts = JSON.parse(adam.execution!).artifacts as { key: string; uri: string; content_size: number }[];
  const csv = artifacts.find((a) => a.key === 'confusion_matrix.csv')!;
  assert.ok(csv.uri.startsWith('/files/mlflow/'), csv.uri);
  const served = await server.app.inject({ url: csv.uri });
  assert.equal(served.statusCode, 200);
  assert.equal(served.body, 'actual,cat,dog\ncat,90,10\ndog,12,88\n');
  assert.equal(csv.content_size, served.body.length);
});

test("a run whose meta.yaml names another experiment than its folder's is skipped, as MLflow ignores it", () => {
  const dir = tempDir();
  const root = join(dir, 'mlruns');
  cpSync(MLRUNS, root, { recursive: true });
  const meta = join(root, '1', ADAM, 'meta.yaml');
  writeFileSync(meta, readFileSync(meta, 'utf8').replace("experiment_id: '1'", "experiment_id: '7'"));
  const { repos } = openRepositories(':memory:');
  const summary = importStore(root, repos, join(dir, 'files'));
  assert.ok(
    summary.lines().includes("skipped 1x: run whose meta.yaml names another experiment than its folder's"),
    summary.lines().join('\n'),
  );
  assert.deepEqual(Object.keys(byName(repos)).sort(), ['adamw-running', 'sgd-lr-0.1']);
});

test('importing a store again duplicates nothing; appended metric lines are added', () => {
  const dir = tempDir();
  const root = join(dir, 'mlruns');
  cpSync(MLRUNS, root, { recursive: true });
  const db = join(dir, 'c.db');
  const { repos } = openRepositories(db);
  importStore(root, repos, join(dir, 'files'), 'All runs');
  const counts = () =>
    repos.scalars
      .seriesOfTasks(repos.tasks.query({}))
      .map((s) => `${s.task}:${s.metric}/${s.variant}:${s.count}`)
      .sort();
  const before = counts();
  const second = importStore(root, openRepositories(db).repos, join(dir, 'files'), 'All runs');
  assert.equal(second.tasksCreated, 0);
  assert.equal(second.points, 0);
  assert.deepEqual(counts(), before);
  assert.deepEqual(
    repos.projects.query({}).map((p) => p.name),
    ['All runs'],
  );

  appendFileSync(join(root, '1', ADAM, 'metrics', 'loss', 'train'), '1767229300000 0.150000 20\n1767229360000 0.140000 21\n');
  const third = importStore(root, openRepositories(db).repos, join(dir, 'files'), 'All runs');
  assert.equal(third.points, 2);
  const adam = byName(repos)['adam-lr-0.001'];
  const train = repos.scalars.seriesOfTasks([adam.id!]).find((s) => s.variant === 'train')!;
  assert.equal(train.count, 22);
  assert.equal(train.value, 0.14);
  assert.equal(adam.last_iteration, 21);
});

test('a watched store imports again only the runs whose folders changed', () => {
  const dir = tempDir();
  const root = join(dir, 'mlruns');
  cpSync(MLRUNS, root, { recursive: true });
  const { repos } = openRepositories(join(dir, 'c.db'));
  const store = new MlflowStore({ repos, filesDir: join(dir, 'files') }, root);
  assert.equal(store.pass(new ImportSummary(), {}), 3);
  assert.equal(store.pass(new ImportSummary(), {}), 0);
  appendFileSync(join(root, '1', ADAM, 'metrics', 'accuracy'), '1767229300000 0.97 20\n');
  const summary = new ImportSummary();
  assert.equal(store.pass(summary, {}), 1);
  assert.equal(summary.points, 1);
  assert.equal(summary.tasksUpdated, 1);
});

test('a watched run whose metrics grow does not store its unchanged artifacts again; a changed one is stored anew', () => {
  const dir = tempDir();
  const root = join(dir, 'mlruns');
  cpSync(MLRUNS, root, { recursive: true });
  const { repos } = openRepositories(join(dir, 'c.db'));
  const filesDir = join(dir, 'files');
  const store = new MlflowStore({ repos, filesDir }, root);
  store.pass(new ImportSummary(), {});
  const adam = byName(repos)['adam-lr-0.001'];
  const stored = join(filesDir, 'mlflow', adam.id!, 'artifacts', 'model', 'requirements.txt');
  const written = statSync(stored).mtimeMs;
  // Stored files written now get a later time than the first pass's.
  const until = Date.now() + 30;
  while (Date.now() < until);
  appendFileSync(join(root, '1', ADAM, 'metrics', 'accuracy'), '1767229300000 0.97 20\n');
  assert.equal(store.pass(new ImportSummary(), {}), 1);
  assert.equal(statSync(stored).mtimeMs, written);
  const artifact = () =>
    (JSON.parse(repos.tasks.rows([adam.id!], ['execution'])[0].execution!).artifacts as { key: string; hash: string }[]).find(
      (a) => a.key === 'model/requirements.txt',
    )!;
  const before = artifact();
  assert.ok(before.hash);
  writeFileSync(join(root, '1', ADAM, 'artifacts', 'model', 'requirements.txt'), 'torch==2.4.0\n');
  assert.equal(store.pass(new ImportSummary(), {}), 1);
  assert.equal(readFileSync(stored, 'utf8'), 'torch==2.4.0\n');
  assert.notEqual(artifact().hash, before.hash);
});

test('importing a run again updates its task in place: params, tags, note, status and appended steps', () => {
  const dir = tempDir();
  const root = join(dir, 'mlruns');
  cpSync(MLRUNS, root, { recursive: true });
  const db = join(dir, 'c.db');
  const { repos } = openRepositories(db);
  importStore(root, repos, join(dir, 'files'));
  const ids = () => Object.fromEntries(Object.values(byName(repos)).map((t) => [t.name, t.id]));
  const before = ids();

  const adamDir = join(root, '1', ADAM);
  writeFileSync(join(adamDir, 'tags', 'team'), 'robotics');
  writeFileSync(join(adamDir, 'tags', 'mlflow.note.content'), 'Superseded.');
  writeFileSync(join(adamDir, 'params', 'warmup'), '500');
  appendFileSync(join(adamDir, 'metrics', 'loss', 'train'), '1767229300000 0.15 20\n');
  // The running run finished.
  const running = join(root, '1', 'c0ffee00c0ffee00c0ffee00c0ffee00', 'meta.yaml');
  writeFileSync(
    running,
    readFileSync(running, 'utf8').replace('status: 1', 'status: 3').replace('end_time: null', 'end_time: 1767229000000'),
  );

  // A new process: a new importer, with nothing of the first one's state.
  const second = importStore(root, openRepositories(db).repos, join(dir, 'files'));
  assert.deepEqual([second.tasksCreated, second.tasksUpdated, second.points], [0, 3, 1]);
  assert.deepEqual(ids(), before);
  const tasks = byName(repos);
  const adam = tasks['adam-lr-0.001'];
  assert.deepEqual(JSON.parse(adam.tags!), ['mlflow', 'dataset/version=v2', 'team=robotics']);
  assert.equal(adam.comment, 'Superseded.');
  assert.equal(JSON.parse(adam.hyperparams!).mlflow.warmup.value, '500');
  assert.equal(repos.scalars.seriesOfTasks([adam.id!]).find((s) => s.variant === 'train')!.count, 21);
  assert.equal(tasks['adamw-running'].status, 'completed');
  assert.equal(tasks['adamw-running'].completed, '2026-01-01T00:56:40.000Z');
  assert.equal(repos.tasks.query({}).length, 3);
});

test('a meta.yaml MLflow reads with defaults: no status is RUNNING, an experiment id written as a number', () => {
  const dir = tempDir();
  const root = join(dir, 'mlruns');
  cpSync(MLRUNS, root, { recursive: true });
  const meta = join(root, '1', ADAM, 'meta.yaml');
  writeFileSync(
    meta,
    readFileSync(meta, 'utf8')
      .replace(/^status: .*\n/m, '')
      .replace("experiment_id: '1'", 'experiment_id: 1'),
  );
  const run = readRun(join(root, '1', ADAM));
  assert.equal(run.status, 'RUNNING');
  assert.deepEqual(
    listExperiments(root)
      .filter((e) => !e.deleted)
      .map((e) => e.id),
    ['0', '1'],
  );
});

test('metric files stream in blocks: lines across block edges, nan and inf, bad and overlong lines, a last line without its newline', () => {
  const dir = tempDir();
  const path = join(dir, 'loss');
  const lines: string[] = [];
  for (let step = 0; step < 60_000; step++)
    lines.push(`${1767225600000 + step} ${step % 1000 === 7 ? 'nan' : (step * 0.001).toString()} ${step}`);
  lines[100] = '1767225600100 0.1 1.5'; // a step that is not an integer
  lines[200] = '1767225600200 -inf 200';
  lines[30_000] = 'x'.repeat(10_000); // longer than a line can be
  lines[40_000] = '1767225640000 0.4'; // before steps: step 0
  writeFileSync(path, lines.join('\n') + '\n' + '1767225660000 0.6 60000');
  assert.ok(statSync(path).size > 1 << 20, 'the file spans more than a block');

  const read = (from: number, final: boolean) => {
    const points: [number, number, number][] = [];
    const bad: [number, string][] = [];
    let blocks = 0;
    const end = readMetricLines(path, {
      from,
      final,
      point: (ts, value, step) => points.push([ts, value, step]),
      badLine: (offset, line) => bad.push([offset, line.slice(0, 20)]),
      onBytes: () => blocks++,
    });
    return { points, bad, end, blocks };
  };
  const whole = read(0, false);
  assert.ok(whole.blocks >= 2, `${whole.blocks} blocks`);
  assert.equal(whole.points.length, 60_000 - 2);
  const offsetOf = (i: number) => lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0);
  assert.deepEqual(whole.bad, [
    [offsetOf(100), '1767225600100 0.1 1.'],
    [offsetOf(30_000), 'x'.repeat(20)],
  ]);
  assert.deepEqual(whole.points[199], [1767225600200, -Infinity, 200]);
  assert.ok(Number.isNaN(whole.points[7][1]) && whole.points[7][2] === 7);
  assert.deepEqual(
    whole.points.find((p) => p[0] === 1767225640000),
    [1767225640000, 0.4, 0],
  );
  for (const [ts, value, step] of whole.points.slice(300, 1000)) assert.deepEqual([ts - 1767225600000, value], [step, step * 0.001]);
  // Not final (a watched run may still write it): the last line waits; the next read from there takes it.
  assert.equal(whole.end, offsetOf(60_000));
  assert.deepEqual(whole.points.at(-1)![2], 59_999);
  const rest = read(whole.end, true);
  assert.deepEqual(rest.points, [[1767225660000, 0.6, 60_000]]);
  assert.equal(rest.end, statSync(path).size);
});

test('a watched store reads a metric line only once it is whole, and adds what a run appends', () => {
  const dir = tempDir();
  const root = join(dir, 'mlruns');
  cpSync(MLRUNS, root, { recursive: true });
  const { repos } = openRepositories(join(dir, 'c.db'));
  const store = new MlflowStore({ repos, filesDir: join(dir, 'files') }, root);
  const running = join(root, '1', 'c0ffee00c0ffee00c0ffee00c0ffee00');
  store.pass(new ImportSummary(), { watching: true });
  const task = byName(repos)['adamw-running'];
  const train = () => repos.scalars.seriesOfTasks([task.id!]).find((s) => s.variant === 'train')!;
  const { count, last_iter } = train();

  // MLflow is writing a line: half of it is in the file.
  appendFileSync(join(running, 'metrics', 'loss', 'train'), `1767229000000 0.3`);
  const first = new ImportSummary();
  assert.equal(store.pass(first, { watching: true }), 1);
  assert.equal(first.points, 0);
  assert.equal(train().count, count);
  appendFileSync(join(running, 'metrics', 'loss', 'train'), ` ${last_iter! + 1}\n1767229001000 nan ${last_iter! + 2}\n`);
  const second = new ImportSummary();
  assert.equal(store.pass(second, { watching: true }), 1);
  assert.equal(second.points, 1);
  assert.ok(second.lines().includes('skipped 1x: scalar points that are NaN or infinite'));
  assert.deepEqual([train().count, train().last_iter, train().value], [count + 1, last_iter! + 1, 0.3]);
  assert.equal(byName(repos)['adamw-running'].status, 'in_progress');
});

test('artifacts stored outside the run folder are read where the run artifact_uri points', () => {
  const dir = tempDir();
  const root = join(dir, 'mlruns');
  cpSync(MLRUNS, root, { recursive: true });
  const elsewhere = join(dir, 'artifact-root', '1', ADAM, 'artifacts');
  mkdirSync(dirname(elsewhere), { recursive: true });
  renameSync(join(root, '1', ADAM, 'artifacts'), elsewhere);
  const meta = join(root, '1', ADAM, 'meta.yaml');
  writeFileSync(meta, readFileSync(meta, 'utf8').replace(/^artifact_uri: .*$/m, `artifact_uri: ${pathToFileURL(elsewhere).href}`));
  const { repos } = openRepositories(':memory:');
  importStore(root, repos, join(dir, 'files'));
  const adam = byName(repos)['adam-lr-0.001'];
  const artifacts = JSON.parse(adam.execution!).artifacts as { key: string; uri: string }[];
  assert.ok(artifacts.find((a) => a.key === 'confusion_matrix.csv')!.uri.startsWith('/files/mlflow/'));
  assert.match(JSON.parse(adam.script!).requirements.pip, /^mlflow==/);
});

test('a metric line reads the same through the in-place path as through the general parser', () => {
  const dir = tempDir();
  const path = join(dir, 'metric');
  const token = fc.oneof(
    fc.integer({ min: -1e6, max: 1e6 }).map(String),
    fc.constantFrom(
      '1767225600000',
      '99999999999999999',
      '-0',
      '0',
      '00',
      '1.5',
      '1e-05',
      'nan',
      'inf',
      '-inf',
      'NaN',
      'x',
      '',
      '0x10',
      '-',
    ),
    fc.double({ noNaN: true }).map(String),
  );
  const line = fc.oneof(
    fc.tuple(token, token, token).map((t) => t.join(' ')),
    fc.tuple(token, token).map((t) => t.join(' ')),
    fc.tuple(fc.array(token, { maxLength: 5 }), fc.constantFrom(' ', '  ', '\t', ' \r')).map(([t, separator]) => t.join(separator)),
  );
  fc.assert(
    fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), (lines) => {
      writeFileSync(path, lines.join('\n') + '\n');
      const read: (string | number[])[] = [];
      readMetricLines(path, {
        from: 0,
        final: true,
        point: (ts, value, step) => read.push([ts, value, step]),
        badLine: (_offset, text) => read.push(text),
      });
      const expected = lines
        .filter((l) => l.trim() !== '')
        .map((l) => {
          const p = parseMetricLine(l);
          return p ? [p.timestamp, p.value, p.step] : l;
        });
      assert.deepEqual(read, expected);
    }),
    { numRuns: 300 },
  );
});

test('values logged without a step (step 0) or at a step logged before keep their own iterations, in the order logged, again on re-import', () => {
  const dir = tempDir();
  const root = join(dir, 'mlruns');
  cpSync(MLRUNS, root, { recursive: true });
  const metrics = join(root, '1', ADAM, 'metrics');
  // `mlflow.log_metric('lr', v)` writes step 0; the older two-field form has no step at all.
  writeFileSync(join(metrics, 'lr'), '1767229000000 0.1 0\n1767229001000 0.09 0\n1767229002000 0.08\n1767229003000 0.07 0\n');
  // A step logged twice, then the steps go on.
  writeFileSync(join(metrics, 'grad_norm'), '1767229000000 5 5\n1767229001000 4 5\n1767229002000 3 9\n');
  const db = join(dir, 'r.db');
  const { repos } = openRepositories(db);
  importStore(root, repos, join(dir, 'files'), 'All runs');
  const adam = byName(repos)['adam-lr-0.001'];
  const series = (metric: string) => repos.scalars.seriesOfTasks([adam.id!]).find((s) => s.metric === metric)!;
  assert.deepEqual([series('lr').count, series('lr').last_iter, series('lr').value], [4, 3, 0.07]);
  assert.deepEqual([series('grad_norm').count, series('grad_norm').last_iter, series('grad_norm').value], [3, 9, 3]);
  // Read again from the start by a new importer: the same iterations, nothing added.
  assert.equal(importStore(root, openRepositories(db).repos, join(dir, 'files'), 'All runs').points, 0);
  assert.equal(series('lr').count, 4);
  // What the run appends without a step comes after what is held.
  appendFileSync(join(metrics, 'lr'), '1767229004000 0.06 0\n1767229005000 0.05 0\n');
  assert.equal(importStore(root, openRepositories(db).repos, join(dir, 'files'), 'All runs').points, 2);
  assert.deepEqual([series('lr').count, series('lr').last_iter, series('lr').value], [6, 5, 0.05]);
});
