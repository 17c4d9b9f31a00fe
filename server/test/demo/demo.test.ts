import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { PNG } from 'pngjs';
import { demoDataset, type DemoProject, type DemoTask } from '../../src/seed/demo/index.js';

const HEX32 = /^[0-9a-f]{32}$/;
const data = demoDataset();
const cifar = data.find((p) => p.name === 'CIFAR-10 sweep')!;
const speech = data.find((p) => p.name === 'Speech commands')!;
const allTasks = data.flatMap((p) => p.tasks);

function series(task: DemoTask, metric: string, variant: string): [number, number, number][] {
  const s = task.scalars.find((x) => x.metric === metric && x.variant === variant);
  assert.ok(s, `${task.name}: missing ${metric}/${variant}`);
  return [...s.points()];
}

/** Everything in a project except the lazy parts, plus digests of the lazy parts. */
function fingerprint(projects: DemoProject[]): string {
  const h = createHash('sha256');
  for (const p of projects) {
    h.update(JSON.stringify({ ...p, tasks: undefined }));
    for (const t of p.tasks) {
      h.update(JSON.stringify({ ...t, scalars: undefined, samples: undefined }));
      for (const s of t.scalars) {
        h.update(`${s.metric}/${s.variant}`);
        for (const pt of s.points()) h.update(pt.join(','));
      }
      for (const s of t.samples) h.update(s.path);
      for (const s of t.samples.slice(0, 3)) h.update(s.bytes());
    }
  }
  return h.digest('hex');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function pngOf(buf: Buffer): PNG {
  return PNG.sync.read(buf);
}

/** Mean absolute difference of 8x8 block averages: insensitive to pixel noise, sensitive to colours and shapes. */
function blockDiff(a: PNG, b: PNG, n = 8): number {
  const avg = (p: PNG) => {
    const S = p.width / n;
    const out: number[] = [];
    for (let by = 0; by < n; by++)
      for (let bx = 0; bx < n; bx++)
        for (let k = 0; k < 3; k++) {
          let s = 0;
          for (let y = by * S; y < (by + 1) * S; y++) for (let x = bx * S; x < (bx + 1) * S; x++) s += p.data[(y * p.width + x) * 4 + k];
          out.push(s / (S * S));
        }
    return out;
  };
  const x = avg(a);
  const y = avg(b);
  return x.reduce((s, v, i) => s + Math.abs(v - y[i]), 0) / x.length;
}

/** Checks the line counts of every hunk of a unified diff; returns the number of files. */
function checkUnifiedDiff(diff: string): number {
  const lines = diff.replace(/\n$/, '').split('\n');
  let files = 0;
  let i = 0;
  while (i < lines.length) {
    const l = lines[i];
    if (l.startsWith('diff --git ')) {
      files++;
      assert.match(lines[i + 1], /^index [0-9a-f]{7}\.\.[0-9a-f]{7} 100644$/);
      assert.match(lines[i + 2], /^--- a\//);
      assert.match(lines[i + 3], /^\+\+\+ b\//);
      i += 4;
      continue;
    }
    const m = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@/.exec(l);
    assert.ok(m, `unexpected diff line: ${JSON.stringify(l)}`);
    let oldN = Number(m[2]);
    let newN = Number(m[4]);
    i++;
    while (oldN > 0 || newN > 0) {
      const body = lines[i++];
      assert.ok(body !== undefined, 'hunk ended early');
      const c = body[0];
      if (c === ' ') {
        oldN--;
        newN--;
      } else if (c === '-') oldN--;
      else if (c === '+') newN--;
      else assert.fail(`bad hunk line ${JSON.stringify(body)}`);
    }
    assert.equal(oldN, 0);
    assert.equal(newN, 0);
  }
  return files;
}

describe('demo data set', () => {
  it('is deterministic across calls', () => {
    assert.equal(fingerprint(demoDataset()), fingerprint(demoDataset()));
    const again = demoDataset();
    assert.deepEqual(
      again.flatMap((p) => p.tasks.map((t) => t.id)),
      allTasks.map((t) => t.id),
    );
  });

  it('has unique 32-hex ids for projects and tasks, consistent model ids', () => {
    const ids = [...data.map((p) => p.id), ...allTasks.map((t) => t.id)];
    for (const id of ids) assert.match(id, HEX32);
    assert.equal(new Set(ids).size, ids.length);
    const models = new Map<string, string>();
    for (const t of allTasks) {
      assert.match(t.user.id, HEX32);
      if (t.execution.queue) assert.match(t.execution.queue.id, HEX32);
      for (const ref of [...t.models.input, ...t.models.output]) {
        assert.match(ref.model.id, HEX32);
        const desc = JSON.stringify(ref.model);
        if (models.has(ref.model.id)) assert.equal(models.get(ref.model.id), desc, 'same model id, different model');
        models.set(ref.model.id, desc);
      }
    }
    assert.ok(models.size >= 10);
  });

  it('references existing parents and has ordered times', () => {
    const byId = new Set(allTasks.map((t) => t.id));
    assert.ok(allTasks.filter((t) => t.parent).length >= 2);
    for (const t of allTasks) {
      if (t.parent) assert.ok(byId.has(t.parent), `${t.name}: unknown parent`);
      const created = Date.parse(t.created);
      assert.ok(created >= Date.UTC(2026, 8, 1) && created <= Date.UTC(2026, 10, 21), `${t.name}: created ${t.created}`);
      if (t.started) assert.ok(Date.parse(t.started) >= created);
      if (t.completed) assert.ok(Date.parse(t.completed) > Date.parse(t.started!));
      assert.ok(Date.parse(t.status_changed) >= created);
    }
  });

  it('has the statuses the compare page must show', () => {
    const st = (s: string) => cifar.tasks.filter((t) => t.status === s);
    assert.ok(cifar.tasks.length >= 12);
    assert.ok(st('completed').length >= 8);
    assert.equal(st('failed').length, 2);
    assert.ok(st('in_progress').length >= 1);
    for (const t of st('failed')) {
      assert.ok(t.status_message.length > 0 && t.status_reason.length > 0);
      assert.ok(t.completed);
    }
    for (const t of st('in_progress')) {
      assert.ok(t.started);
      assert.equal(t.completed, null);
      const last = series(t, 'loss', 'train').at(-1)![0];
      assert.ok(last < 2000, `${t.name}: in-progress run should be shorter (${last})`);
    }
    assert.ok(allTasks.some((t) => t.system_tags.includes('archived')));
  });

  it('has CIFAR scalars with the expected cadence', () => {
    for (const t of cifar.tasks) {
      const train = series(t, 'loss', 'train');
      const val = series(t, 'accuracy', 'val');
      for (const [m, v] of [
        ['loss', 'val'],
        ['accuracy', 'train'],
        ['learning_rate', 'lr'],
        [':monitor:gpu', 'gpu_0_utilization'],
        [':monitor:gpu', 'gpu_0_mem_usage'],
      ])
        series(t, m, v);
      for (let k = 1; k < train.length; k++) {
        assert.equal(train[k][0], train[k - 1][0] + 1);
        assert.ok(train[k][2] >= train[k - 1][2]);
      }
      for (const [iter, value] of val) {
        assert.equal(iter % 50, 0);
        assert.ok(value >= 0 && value <= 1);
      }
      if (t.status === 'completed') assert.ok(train.length >= 2000, `${t.name}: ${train.length} iterations`);
    }
  });

  it('makes accuracy depend on the hyperparameters', () => {
    const finalAcc = (t: DemoTask) => series(t, 'accuracy', 'val').at(-1)![1];
    const byName = (n: string) => cifar.tasks.find((t) => t.name === n)!;
    assert.ok(finalAcc(byName('resnet18 adamw lr=0.003 dropout=0.2')) > finalAcc(byName('resnet18 adam lr=0.0001')) + 0.05);
    const best = cifar.tasks.filter((t) => t.status === 'completed').sort((a, b) => finalAcc(b) - finalAcc(a))[0];
    assert.ok(best.tags.includes('best'), `best task is ${best.name}`);
  });

  it('has loss spikes a bucket average would hide', () => {
    for (const t of cifar.tasks.filter((x) => x.status !== 'failed')) {
      const pts = series(t, 'loss', 'train').map((p) => p[1]);
      let spikes = 0;
      for (let i = 10; i < pts.length - 10; i++) {
        if (pts[i] > 3 * median(pts.slice(i - 10, i + 11))) spikes++;
      }
      assert.ok(spikes >= 1, `${t.name}: no spike`);
      assert.ok(spikes < pts.length / 100, `${t.name}: too many spikes (${spikes})`);
    }
  });

  it('has single values in Summary, missing for unfinished runs', () => {
    for (const t of cifar.tasks) {
      const names = t.singleValues
        .filter((v) => v.metric === 'Summary')
        .map((v) => v.variant)
        .sort();
      if (t.status === 'completed') assert.deepEqual(names, ['params_millions', 'test_accuracy', 'train_hours']);
      else assert.deepEqual(names, ['params_millions']);
    }
  });

  it('has valid Plotly figures of every kind', () => {
    const traceTypes = new Set<string>();
    const names = new Set<string>();
    for (const t of allTasks) {
      for (const p of t.plots) {
        const fig = JSON.parse(p.plot_str);
        assert.ok(Array.isArray(fig.data) && fig.data.length > 0, `${p.metric}/${p.variant}`);
        assert.equal(typeof fig.layout, 'object');
        for (const tr of fig.data) traceTypes.add(tr.type);
        names.add(`${p.metric}/${p.variant}`);
        assert.ok(Number.isInteger(p.iter) && p.iter > 0);
        assert.ok(p.timestamp > Date.UTC(2026, 8, 1));
      }
    }
    for (const ty of ['heatmap', 'scatter', 'bar', 'table', 'box']) assert.ok(traceTypes.has(ty), `no ${ty} trace`);
    assert.ok(
      allTasks.some((t) => t.plots.some((p) => JSON.parse(p.plot_str).data.some((tr: { mode?: string }) => tr.mode === 'markers'))),
      'no marker scatter',
    );
    for (const n of [
      'Confusion Matrix/test',
      'ROC/test',
      'Precision-Recall/test',
      'Weights/conv1',
      'Per-class metrics/test',
      'Batch loss/distribution',
    ])
      assert.ok(names.has(n), n);
    const completed = cifar.tasks.find((t) => t.status === 'completed')!;
    assert.ok(new Set(completed.plots.map((p) => p.iter)).size >= 3);
    const cms = cifar.tasks
      .filter((t) => t.status === 'completed')
      .map((t) => t.plots.find((p) => p.metric === 'Confusion Matrix')!.plot_str);
    assert.equal(new Set(cms).size, cms.length, 'confusion matrices must differ between tasks');
    const cm = JSON.parse(cms[0]).data[0];
    assert.equal(cm.z.length, 10);
    assert.equal(cm.x.length, 10);
  });

  it('has PNG debug samples of the expected size that differ by task, variant and iteration', () => {
    const completed = cifar.tasks.filter((t) => t.status === 'completed');
    const a = completed[0];
    const get = (t: DemoTask, metric: string, variant: string, iter: number) => {
      const s = t.samples.find((x) => x.metric === metric && x.variant === variant && x.iter === iter);
      assert.ok(s, `${t.name}: no ${metric}/${variant}@${iter}`);
      assert.equal(s.path, `demo/${t.id}/${metric}/${variant}/${String(iter).padStart(8, '0')}.png`);
      return pngOf(s.bytes());
    };
    const a1 = get(a, 'predictions', 'cat', 1000);
    assert.equal(a1.width, 96);
    assert.equal(a1.height, 96);
    const cats = completed.map((t) => get(t, 'predictions', 'cat', 1000));
    const pairs: number[] = [];
    for (let i = 0; i < cats.length; i++) for (let j = i + 1; j < cats.length; j++) pairs.push(blockDiff(cats[i], cats[j]));
    assert.ok(median(pairs) > 25, `tasks look alike (median block difference ${median(pairs).toFixed(1)})`);
    for (const v of ['airplane', 'ship', 'truck']) assert.ok(blockDiff(a1, get(a, 'predictions', v, 1000)) > 8, `cat and ${v} look alike`);
    assert.ok(blockDiff(a1, get(a, 'predictions', 'cat', 2000)) > 4, 'iterations look alike');
    const aug = get(a, 'augmentations', 'flip', 1000);
    assert.equal(aug.width, 64);
    assert.ok(blockDiff(aug, get(a, 'augmentations', 'crop', 1000)) > 5);
    const variants = new Set(a.samples.filter((s) => s.metric === 'predictions').map((s) => s.variant));
    assert.ok(variants.size >= 4);
    assert.deepEqual([...new Set(a.samples.filter((s) => s.metric === 'predictions').map((s) => s.iter))].slice(0, 3), [250, 500, 750]);
    for (const t of allTasks)
      for (const s of t.samples) {
        assert.ok(s.path.startsWith(`demo/${t.id}/`));
        assert.ok(s.timestamp! > Date.parse(t.started!), `${s.path}: timestamp`);
      }
    const paths = allTasks.flatMap((t) => t.samples.map((s) => s.path));
    assert.equal(new Set(paths).size, paths.length);
  });

  it('has requirements of ~100 lines that differ in a few lines between tasks', () => {
    const lines = (t: DemoTask) => t.script.requirements.pip.trim().split('\n');
    for (const t of allTasks) {
      const l = lines(t);
      assert.ok(l.length >= 95 && l.length <= 130, `${t.name}: ${l.length} requirement lines`);
      for (const x of l) assert.match(x, /^[A-Za-z0-9._-]+==[0-9][0-9A-Za-z.+-]*$/);
    }
    const base = new Set(lines(cifar.tasks[0]));
    const diffs = cifar.tasks.map(
      (t) => lines(t).filter((x) => !base.has(x)).length + [...base].filter((x) => !lines(t).includes(x)).length,
    );
    assert.ok(
      diffs.some((d) => d >= 2 && d <= 12),
      `diff sizes ${diffs}`,
    );
    assert.ok(diffs.filter((d) => d === 0).length >= 3, 'most tasks should share requirements');
    const names = (t: DemoTask) => new Set(lines(t).map((x) => x.split('==')[0]));
    assert.ok(
      cifar.tasks.some((t) => [...names(t)].some((n) => !names(cifar.tasks[0]).has(n))),
      'one task adds a package',
    );
    assert.ok(
      cifar.tasks.some((t) => [...names(cifar.tasks[0])].some((n) => !names(t).has(n))),
      'one task lacks a package',
    );
  });

  it('has valid uncommitted diffs, different per task, some empty', () => {
    const diffs = allTasks.map((t) => t.script.diff);
    assert.ok(diffs.some((d) => d === ''));
    const nonEmpty = diffs.filter((d) => d !== '');
    assert.ok(nonEmpty.length >= 8);
    assert.equal(new Set(nonEmpty).size, nonEmpty.length);
    assert.ok(Math.max(...nonEmpty.map(checkUnifiedDiff)) >= 3, 'some diff touches several files');
  });

  it('has hyperparameters and configuration in the api.md shapes', () => {
    for (const t of allTasks) {
      for (const [section, params] of Object.entries(t.hyperparams)) {
        for (const [name, p] of Object.entries(params)) {
          assert.deepEqual(Object.keys(p).sort(), ['description', 'name', 'section', 'type', 'value']);
          assert.equal(p.section, section);
          assert.equal(p.name, name);
          assert.equal(typeof p.value, 'string');
        }
      }
      const cfgs = Object.values(t.configuration);
      assert.ok(cfgs.some((c) => c.type === 'yaml'));
      for (const c of cfgs.filter((x) => x.type === 'json')) JSON.parse(c.value);
    }
    const argNames = cifar.tasks.map((t) => Object.keys(t.hyperparams.Args).sort().join(','));
    assert.ok(new Set(argNames).size >= 2, 'some task misses a parameter');
    for (const p of ['lr', 'batch_size', 'optimizer', 'dropout', 'weight_decay', 'epochs', 'seed'])
      assert.ok(
        cifar.tasks.some((t) => p in t.hyperparams.Args),
        p,
      );
    const seeds = new Map<string, number>();
    for (const t of cifar.tasks) {
      const a = t.hyperparams.Args;
      const key = ['lr', 'batch_size', 'optimizer', 'dropout', 'weight_decay'].map((k) => a[k]?.value).join('|');
      seeds.set(key, (seeds.get(key) ?? 0) + 1);
    }
    assert.ok(
      [...seeds.values()].some((n) => n >= 3),
      'one config repeated with 3 seeds',
    );
    const yamls = new Set(cifar.tasks.map((t) => t.configuration['config.yaml'].value));
    assert.ok(yamls.size >= 5);
  });

  it('has artifacts, models and details that differ between tasks', () => {
    const keys = ['content_size', 'display_data', 'hash', 'key', 'mode', 'timestamp', 'type', 'type_data', 'uri'];
    for (const t of allTasks)
      for (const a of t.execution.artifacts) {
        assert.deepEqual(Object.keys(a).sort(), keys);
        assert.match(a.hash, /^[0-9a-f]{64}$/);
      }
    assert.ok(new Set(cifar.tasks.map((t) => t.script.repository)).size >= 2);
    assert.ok(new Set(cifar.tasks.map((t) => t.script.branch)).size >= 3);
    assert.ok(new Set(cifar.tasks.map((t) => t.container.image)).size >= 3);
    assert.ok(new Set(allTasks.map((t) => t.user.name)).size === 3);
    const withOut = cifar.tasks.find((t) => t.models.output.length)!;
    assert.equal(withOut.models.output[0].model.framework, 'PyTorch');
    assert.equal(withOut.models.output[0].model.labels.truck, 9);
    assert.ok(speech.tasks.some((t) => t.models.output.length && t.execution.artifacts.length));
    assert.ok(speech.tasks.some((t) => !t.models.output.length && !t.execution.artifacts.length));
  });

  it('has speech tasks with uneven metrics and valid WAV samples', () => {
    const metricSets = speech.tasks.map((t) =>
      t.scalars
        .map((s) => `${s.metric}/${s.variant}`)
        .sort()
        .join(','),
    );
    assert.ok(new Set(metricSets).size >= 3);
    assert.ok(speech.tasks.some((t) => !t.scalars.some((s) => s.metric === 'accuracy')));
    const wavs = speech.tasks.flatMap((t) => t.samples.filter((s) => s.path.endsWith('.wav')));
    assert.ok(wavs.length >= 20);
    const decoded = new Set<string>();
    for (const s of [wavs[0], wavs[1], wavs.at(-1)!]) {
      assert.equal(s.metric, 'audio');
      const b = s.bytes();
      assert.equal(b.toString('ascii', 0, 4), 'RIFF');
      assert.equal(b.readUInt32LE(4), b.length - 8);
      assert.equal(b.toString('ascii', 8, 12), 'WAVE');
      assert.equal(b.toString('ascii', 12, 16), 'fmt ');
      assert.equal(b.readUInt16LE(20), 1);
      assert.equal(b.readUInt16LE(22), 1);
      assert.equal(b.readUInt32LE(24), 8000);
      assert.equal(b.readUInt16LE(34), 16);
      assert.equal(b.toString('ascii', 36, 40), 'data');
      assert.equal(b.readUInt32LE(40), b.length - 44);
      assert.ok(Math.abs(b.readUInt32LE(40) / 2 / 8000 - 1) < 0.01);
      let peak = 0;
      for (let i = 44; i < b.length; i += 2) peak = Math.max(peak, Math.abs(b.readInt16LE(i)));
      assert.ok(peak > 5000, 'audible');
      decoded.add(createHash('md5').update(b).digest('hex'));
    }
    assert.equal(decoded.size, 3);
  });
});
