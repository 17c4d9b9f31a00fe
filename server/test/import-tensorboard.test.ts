import assert from 'node:assert/strict';
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openRepositories, type Repositories } from '../src/db/repositories';
import { decodeEvent, type TbItem } from '../src/import/tensorboard/events';
import { fileVersionRecord, scalarRecord, tfRecord } from '../src/import/tensorboard/event-writer';
import { findRuns } from '../src/import/tensorboard/log-dir';
import { TensorBoardLogDir } from '../src/import/tensorboard/log-dir-import';
import { TfRecordReader } from '../src/import/tensorboard/tfrecord';
import { ImportSummary, metricVariant } from '../src/import/writer';
import { tempDir as newTempDir } from './helpers';

const dirs: string[] = [];
const tempDir = () => {
  const dir = newTempDir('import-tb-');
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const LOGS = join(__dirname, 'fixtures/tensorboard/logs');
const eventFile = (dir: string) =>
  join(
    dir,
    readdirSync(dir).find((f) => f.includes('tfevents'))!,
  );

/** Offsets of the records of a TFRecord file, walked by their length fields. */
function recordOffsets(bytes: Buffer): number[] {
  const out: number[] = [];
  for (let at = 0; at + 12 <= bytes.length; at += 16 + Number(bytes.readBigUInt64LE(at))) out.push(at);
  return out;
}

function itemsOf(path: string): TbItem[] {
  const reader = new TfRecordReader(path);
  return [...reader.records()].flatMap((data) => decodeEvent(data));
}

function importLogs(dir: string, repos: Repositories, filesDir: string, project?: string) {
  const summary = new ImportSummary();
  const logDir = new TensorBoardLogDir({ repos, filesDir }, dir, project);
  logDir.pass(summary, { watching: false });
  return { summary, logDir };
}

function seriesOf(repos: Repositories, task: string) {
  return Object.fromEntries(repos.scalars.seriesOfTasks([task]).map((s) => [`${s.metric}/${s.variant}`, s]));
}

test('the TFRecord reader skips a record failing its data CRC and reports a truncated tail with file and offset', () => {
  const path = eventFile(join(LOGS, 'killed'));
  const bytes = readFileSync(path);
  const offsets = recordOffsets(bytes);
  const reader = new TfRecordReader(path);
  const steps = [...reader.records()].flatMap((d) => decodeEvent(d)).map((i) => (i.kind === 'scalar' ? i.step : -1));
  reader.reportTail();
  // The generator corrupted the 11th record (step 9) and cut the last one (step 29) in half.
  assert.equal(reader.issues.length, 2);
  assert.deepEqual(
    reader.issues.map((i) => i.file),
    [path, path],
  );
  assert.equal(reader.issues[0].offset, offsets[10]);
  assert.match(reader.issues[0].problem, /CRC/);
  assert.equal(reader.issues[1].offset, offsets[offsets.length - 1]);
  assert.match(reader.issues[1].problem, /truncated/);
  assert.ok(!steps.includes(9) && !steps.includes(29));
  assert.deepEqual(
    steps.filter((s) => s >= 0),
    [...Array(29).keys()].filter((s) => s !== 9),
  );
});

test('a length failing its CRC ends the file; a record appended after a truncated tail is read on the next pass', () => {
  const dir = tempDir();
  const path = join(dir, 'events.out.tfevents.1.host');
  const good = scalarRecord(1, 1, { a: 1 });
  const bad = Buffer.from(scalarRecord(2, 2, { a: 2 }));
  bad[3] ^= 0x01; // inside the length
  writeFileSync(path, Buffer.concat([fileVersionRecord(0), good, bad, scalarRecord(3, 3, { a: 3 })]));
  const reader = new TfRecordReader(path);
  assert.equal([...reader.records()].length, 2);
  assert.equal(reader.issues.length, 1);
  assert.equal(reader.issues[0].offset, fileVersionRecord(0).length + good.length);
  assert.match(reader.issues[0].problem, /length fails its CRC/);

  const path2 = join(dir, 'events.out.tfevents.2.host');
  const next = scalarRecord(5, 5, { a: 5 });
  writeFileSync(path2, Buffer.concat([fileVersionRecord(0), next.subarray(0, 10)]));
  const tailing = new TfRecordReader(path2);
  assert.equal([...tailing.records()].length, 1);
  assert.equal(tailing.tailBytes, 10);
  appendFileSync(path2, next.subarray(10));
  const items = [...tailing.records()].flatMap((d) => decodeEvent(d));
  assert.deepEqual(
    items.map((i) => i.kind === 'scalar' && i.value),
    [5],
  );
  assert.equal(tailing.tailBytes, 0);
});

test('events decode into scalars (simple and tensor forms), images, audio, histograms, text and hparams', () => {
  const items = itemsOf(eventFile(join(LOGS, 'baseline')));
  const scalars = (tag: string) => items.filter((i): i is Extract<TbItem, { kind: 'scalar' }> => i.kind === 'scalar' && i.tag === tag);
  assert.equal(scalars('loss/train').length, 50);
  // lr: a float_val tensor (PyTorch's new-style writer); momentum: tensor_content (TF2).
  for (const p of scalars('lr')) assert.ok(Math.abs(p.value - 0.1 * 0.95 ** p.step) < 1e-6, `lr at ${p.step}: ${p.value}`);
  assert.deepEqual(new Set(scalars('momentum').map((p) => Math.round(p.value * 1e6) / 1e6)), new Set([0.9]));
  const images = items.filter((i) => i.kind === 'image');
  assert.deepEqual(
    images.map((i) => i.kind === 'image' && i.step),
    [0, 10, 20, 30, 40],
  );
  for (const i of images) if (i.kind === 'image') assert.deepEqual([...i.bytes.subarray(1, 4)], [...Buffer.from('PNG')]);
  const audio = items.filter((i) => i.kind === 'audio');
  assert.equal(audio.length, 2);
  for (const a of audio) if (a.kind === 'audio') assert.equal(Buffer.from(a.bytes.subarray(0, 4)).toString(), 'RIFF');
  const histograms = items.filter((i): i is Extract<TbItem, { kind: 'histogram' }> => i.kind === 'histogram');
  assert.equal(histograms.length, 5);
  for (const h of histograms)
    assert.equal(
      h.buckets.reduce((n, b) => n + b.count, 0),
      500,
    );
  const texts = items.filter((i) => i.kind === 'text');
  assert.ok(texts.every((t) => t.kind === 'text' && /^step \d+: \*\*ok\*\* <b>not html<\/b>$/.test(t.text)));

  const session = findRuns(LOGS).find((r) => r.name === 'lr-0.01')!.hparamsFiles[0];
  const hp = itemsOf(session);
  const start = hp.find((i) => i.kind === 'hparams');
  assert.deepEqual(start?.kind === 'hparams' && start.hparams, { lr: 0.01, optimizer: 'adam', batch_size: 64, augment: true });
  const metrics = hp.find((i) => i.kind === 'hparams-metrics');
  assert.deepEqual(metrics?.kind === 'hparams-metrics' && metrics.tags.sort(), ['hparam/accuracy', 'hparam/loss']);
});

test('tags map to metric and variant at the last slash; no slash gives metric = variant = tag', () => {
  assert.deepEqual(metricVariant('loss/train'), { metric: 'loss', variant: 'train' });
  assert.deepEqual(metricVariant('accuracy'), { metric: 'accuracy', variant: 'accuracy' });
  assert.deepEqual(metricVariant('eval/top/1'), { metric: 'eval/top', variant: '1' });
  assert.deepEqual(metricVariant('/x'), { metric: '/x', variant: '/x' });
  assert.deepEqual(metricVariant('x/'), { metric: 'x/', variant: 'x/' });
});

test('a log dir imports one task per run (nested names, hparams session attached), with samples, plots and single values', () => {
  const { repos } = openRepositories(':memory:');
  const filesDir = tempDir();
  const { summary, logDir } = importLogs(LOGS, repos, filesDir);
  const ids = repos.tasks.query({ project: [repos.projects.query({ name: '^logs$' })[0].id] });
  const rows = repos.tasks.rows(ids, null);
  assert.deepEqual(rows.map((r) => r.name).sort(), ['baseline', 'killed', 'lr-0.01', 'sweep/seed-1']);
  assert.deepEqual(new Set(logDir.taskIds), new Set(ids));
  for (const id of ids) assert.match(id, /^[0-9a-f]{32}$/);
  assert.equal(summary.problems.length, 2);
  assert.ok(summary.problems.every((p) => p.includes(join('killed', 'events.out.tfevents'))));

  const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
  const baseline = byName.baseline.id!;
  const series = seriesOf(repos, baseline);
  assert.deepEqual(Object.keys(series).sort(), ['accuracy/accuracy', 'loss/train', 'loss/val', 'lr/lr', 'momentum/momentum']);
  assert.equal(series['loss/train'].count, 50);
  assert.equal(series['loss/train'].last_iter, 49);
  assert.equal(series['loss/train'].first_ts, Date.parse('2026-01-01T00:00:00Z'));
  assert.equal(byName.baseline.last_iteration, 49);
  assert.equal(byName.baseline.created, '2026-01-01T00:00:00.000Z');
  assert.equal(byName.killed.status, 'completed');
  assert.equal(seriesOf(repos, byName.killed.id!)['loss/train'].count, 28);
  assert.equal(seriesOf(repos, byName['sweep/seed-1'].id!)['loss/train'].last_iter, 98);

  const samples = repos.events.debugSamples(baseline, null);
  assert.deepEqual(new Set(samples.map((s) => `${s.metric}/${s.variant}`)), new Set(['samples/input', 'speech/sample']));
  for (const s of samples) {
    const file = join(filesDir, decodeURIComponent(s.url.replace(/^\/files\//, '')));
    assert.ok(existsSync(file), file);
  }
  assert.ok(samples.some((s) => s.url.endsWith('.wav')) && samples.some((s) => s.url.endsWith('.png')));

  const histogram = repos.events.lastPlots(baseline, 'weights', 'fc1', 10);
  assert.deepEqual(
    histogram.map((p) => p.iter),
    [40],
  );
  assert.equal(JSON.parse(histogram[0].plot_str).data[0].type, 'bar');
  const text = repos.events.lastPlots(baseline, 'notes', 'text_summary', 1)[0];
  const cell = JSON.parse(text.plot_str).data[0].cells.values[0][0] as string;
  assert.ok(!cell.includes('<b>') && cell.includes('&lt;b&gt;'), cell);

  const lr = byName['lr-0.01'];
  const hp = JSON.parse(lr.hyperparams!).hparams;
  assert.deepEqual(Object.fromEntries(Object.entries(hp).map(([k, v]) => [k, (v as { value: string }).value])), {
    augment: 'true',
    batch_size: '64',
    lr: '0.01',
    optimizer: 'adam',
  });
  assert.deepEqual(
    repos.events.singleValues(lr.id!).map((v) => [v.metric, v.variant, Math.round(v.value * 100) / 100]),
    [
      ['Summary', 'hparam/accuracy', 0.91],
      ['Summary', 'hparam/loss', 0.2],
    ],
  );
  assert.deepEqual(Object.keys(seriesOf(repos, lr.id!)), ['loss/train']);
});

test('--project names the project; importing again updates the same tasks and duplicates nothing', () => {
  const dir = tempDir();
  const db = join(dir, 'c.db');
  const { repos } = openRepositories(db);
  const first = importLogs(LOGS, repos, join(dir, 'files'), 'Vision');
  const snapshot = () => ({
    tasks: repos.tasks.query({}).sort(),
    series: repos.scalars
      .seriesOfTasks(repos.tasks.query({}))
      .map((s) => `${s.task}:${s.metric}/${s.variant}:${s.count}:${s.sum}`)
      .sort(),
    samples: repos.tasks.query({}).flatMap((t) => repos.events.debugSamples(t, null)).length,
    plots: repos.tasks
      .query({})
      .flatMap((t) => repos.events.plotVariants(t).flatMap((v) => repos.events.plots(t, v.metric, v.variant, 100))).length,
  });
  const before = snapshot();
  assert.equal(
    repos.projects
      .query({})
      .map((p) => p.name)
      .join(),
    'Vision',
  );
  assert.ok(first.summary.points > 0);
  // A new process: nothing of the first import is remembered but what the database holds.
  const { repos: again } = openRepositories(db);
  const second = importLogs(LOGS, again, join(dir, 'files'), 'Vision');
  assert.equal(second.summary.tasksCreated, 0);
  assert.equal(second.summary.tasksUpdated, 4);
  assert.equal(second.summary.points, 0);
  assert.deepEqual(snapshot(), before);
});

test('steps appended to a run after an import are added by the next import', () => {
  const dir = tempDir();
  const logs = join(dir, 'logs');
  cpSync(join(LOGS, 'sweep'), logs, { recursive: true });
  const { repos } = openRepositories(join(dir, 'c.db'));
  importLogs(logs, repos, join(dir, 'files'));
  const [task] = repos.tasks.query({});
  assert.equal(seriesOf(repos, task)['loss/train'].count, 50);
  const file = eventFile(join(logs, 'seed-1'));
  const base = Date.parse('2026-01-02T00:00:00Z') / 1000;
  appendFileSync(
    file,
    Buffer.concat([100, 102, 104].map((step) => scalarRecord(step, base + step, { 'loss/train': 0.1, 'loss/new': step }))),
  );
  const { summary } = importLogs(logs, repos, join(dir, 'files'));
  assert.equal(summary.points, 6);
  const series = seriesOf(repos, task);
  assert.equal(series['loss/train'].count, 53);
  assert.equal(series['loss/train'].last_iter, 104);
  assert.equal(series['loss/new'].count, 3);
  assert.equal(repos.tasks.rows([task], ['last_iteration'])[0].last_iteration, 104);
});

test('a record that is not an Event is reported and the rest of the run is imported', () => {
  const dir = tempDir();
  const run = join(dir, 'logs', 'run');
  cpSync(join(LOGS, 'sweep', 'seed-1'), run, { recursive: true });
  appendFileSync(eventFile(run), Buffer.concat([tfRecord(Buffer.from([0xff, 0xff, 0xff])), scalarRecord(200, 2e9, { 'loss/train': 1 })]));
  const { repos } = openRepositories(':memory:');
  const { summary } = importLogs(join(dir, 'logs'), repos, join(dir, 'files'));
  assert.equal(summary.problems.length, 1);
  assert.match(summary.problems[0], /does not decode as an Event/);
  assert.equal(seriesOf(repos, repos.tasks.query({})[0])['loss/train'].last_iter, 200);
});
