/** Project "Benchmark": many tasks with many long scalar series, generated lazily and cheaply. */
import { autoComment, configItem, hyperparams, queue, USERS, type ParamSpec } from './common.js';
import { buildDiff, HUNKS } from './diffs.js';
import { confusionCounts, confusionMatrixPlot, perClassAccuracy } from './plots.js';
import { requirementsText } from './requirements.js';
import { BASE_TIME, DAY, Rng, commitHash, demoId, hash32, iso } from './rng.js';
import type { DemoProject, DemoScalarSeries, DemoTask } from './types.js';

const PROJECT = 'Benchmark';
const METRIC_GROUPS = ['loss', 'accuracy', 'grad_norm', 'throughput', 'lr'] as const;
const VARIANTS = ['train', 'val', 'test', 'ema'];
export const LONG_SERIES_POINTS = 1_000_000;

type Kind = (typeof METRIC_GROUPS)[number];

export interface LargeDatasetOptions {
  tasks: number;
  iterations: number;
  metrics: number;
}

/** metric/variant of the k-th series of a benchmark task. */
export function benchSeriesName(k: number): { metric: string; variant: string } {
  const metric = METRIC_GROUPS[k % METRIC_GROUPS.length];
  const j = Math.floor(k / METRIC_GROUPS.length);
  return { metric, variant: VARIANTS[j] ?? `series_${String(j).padStart(2, '0')}` };
}

/**
 * Lazy series with a per-point cost of one mulberry32 step and a few multiplications:
 * a decaying (or saturating) trend, uniform noise and rare x5-x10 spikes.
 */
export function benchSeries(
  metric: string,
  variant: string,
  kind: Kind,
  seed: number,
  count: number,
  startMs: number,
  msPerIter: number,
  firstIter = 1,
): DemoScalarSeries {
  return {
    metric,
    variant,
    *points() {
      let a = seed >>> 0;
      const sr = new Rng(seed ^ 0x5bd1e995);
      const floor =
        kind === 'loss'
          ? 0.05 + 0.3 * sr.next()
          : kind === 'accuracy'
            ? 0.7 + 0.25 * sr.next()
            : kind === 'grad_norm'
              ? 0.4 + sr.next()
              : kind === 'throughput'
                ? 1500 + 1500 * sr.next()
                : 1e-3 * (0.5 + sr.next());
      const start =
        kind === 'loss' ? 2.3 : kind === 'accuracy' ? 0.1 : kind === 'grad_norm' ? 5 : kind === 'throughput' ? floor * 0.6 : floor;
      const noiseAmp = kind === 'throughput' ? floor * 0.08 : kind === 'lr' ? 0 : kind === 'accuracy' ? 0.03 : floor * 0.3;
      // Trend: floor + (start - floor) * r^i, with r chosen so the trend has mostly settled after 30% of the run.
      const r = Math.exp(-5 / Math.max(10, count * 0.3));
      let cur = start - floor;
      const spikeUp = kind === 'loss' || kind === 'grad_norm';
      const lrStep1 = Math.floor(count * 0.5);
      const lrStep2 = Math.floor(count * 0.75);
      for (let i = 0; i < count; i++) {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        t = (t ^ (t >>> 14)) >>> 0;
        const u = t / 4294967296;
        let v: number;
        if (kind === 'lr') v = i < lrStep1 ? floor : i < lrStep2 ? floor * 0.1 : floor * 0.01;
        else {
          v = floor + cur + noiseAmp * (u - 0.5);
          // Rare spikes: about 1 point in 2,000, from the low bits of the same draw.
          if (spikeUp && (t & 2047) === 7) v *= 5 + ((t >>> 11) & 7) * 0.7;
        }
        cur *= r;
        const iter = firstIter + i;
        yield [iter, v, startMs + iter * msPerIter] as [number, number, number];
      }
    },
  };
}

function benchHyperparams(i: number, rng: Rng): Record<string, Record<string, ReturnType<typeof hyperparams>[string][string]>> {
  const args: ParamSpec[] = [
    ['lr', [1e-4, 3e-4, 1e-3, 3e-3, 1e-2][i % 5], 'float', 'learning rate'],
    ['batch_size', [64, 128, 256][i % 3], 'int', 'batch size'],
    ['optimizer', ['sgd', 'adam', 'adamw'][i % 3], 'str', 'optimizer'],
    ['momentum', 0.9, 'float', 'SGD momentum'],
    ['weight_decay', [0, 1e-4, 5e-4, 0.05][i % 4], 'float', 'weight decay'],
    ['dropout', [0, 0.1, 0.2, 0.3][(i >> 1) % 4], 'float', 'dropout'],
    ['epochs', 100, 'int', 'epochs'],
    ['seed', 1000 + i, 'int', 'random seed'],
    ['warmup_iters', [0, 500, 1000][i % 3], 'int', 'linear warmup'],
    ['label_smoothing', [0, 0.1][i % 2], 'float', 'label smoothing'],
    ['grad_clip', [0, 1, 5][i % 3], 'float', 'gradient clipping (0 = off)'],
    ['ema_decay', [0, 0.999, 0.9999][i % 3], 'float', 'EMA of weights'],
    ['amp', i % 2 === 0, 'bool', 'mixed precision'],
    ['accumulate_grad', [1, 2, 4][i % 3], 'int', 'gradient accumulation steps'],
    ['lr_schedule', ['cosine', 'step', 'linear', 'onecycle'][i % 4], 'str', 'schedule'],
    ['min_lr', 1e-6, 'float', 'schedule floor'],
    ['beta1', 0.9, 'float', 'Adam beta1'],
    ['beta2', [0.999, 0.98][i % 2], 'float', 'Adam beta2'],
    ['eps', 1e-8, 'float', 'Adam epsilon'],
    ['val_every', 500, 'int', 'validation interval'],
    ['save_every', 5000, 'int', 'checkpoint interval'],
    ['log_every', 1, 'int', 'logging interval'],
    ['mixup_alpha', [0, 0.2, 0.4][i % 3], 'float', 'mixup alpha'],
    ['cutmix_alpha', [0, 1][i % 2], 'float', 'cutmix alpha'],
    ['randaug_m', 5 + (i % 10), 'int', 'RandAugment magnitude'],
  ];
  const general: ParamSpec[] = [
    ['dataset', 'imagenet-100', 'str', 'dataset'],
    ['data_root', '/datasets/imagenet100', 'str', 'dataset root'],
    ['num_workers', [4, 8, 16][i % 3], 'int', 'loader workers'],
    ['pin_memory', true, 'bool', 'pin host memory'],
    ['image_size', [160, 192, 224][i % 3], 'int', 'input resolution'],
    ['num_classes', 100, 'int', 'classes'],
    ['distributed', i % 4 === 0, 'bool', 'DDP'],
    ['world_size', i % 4 === 0 ? 4 : 1, 'int', 'processes'],
    ['compile', i % 5 === 0, 'bool', 'torch.compile'],
    ['channels_last', true, 'bool', 'memory format'],
  ];
  const modelParams: ParamSpec[] = [
    ['arch', ['resnet50', 'convnext_tiny', 'vit_small', 'efficientnet_b0'][i % 4], 'str', 'architecture'],
    ['depth', [18, 34, 50][i % 3], 'int', 'depth'],
    ['width_mult', [0.5, 1, 1.5, 2][i % 4], 'float', 'width multiplier'],
    ['stem', ['conv3x3', 'patchify'][i % 2], 'str', 'stem type'],
    ['norm', ['batchnorm', 'layernorm'][i % 2], 'str', 'normalisation'],
    ['act', ['relu', 'gelu', 'silu'][i % 3], 'str', 'activation'],
    ['drop_path', [0, 0.05, 0.1][i % 3], 'float', 'stochastic depth'],
    ['head_dropout', [0, 0.2][i % 2], 'float', 'head dropout'],
    ['pretrained', i % 3 !== 0, 'bool', 'ImageNet-1k weights'],
    ['freeze_stages', i % 3 === 0 ? 0 : 1, 'int', 'frozen stages'],
    ['embed_dim', [384, 512, 768][i % 3], 'int', 'embedding dim'],
    ['num_heads', [6, 8, 12][i % 3], 'int', 'attention heads'],
    ['mlp_ratio', 4, 'float', 'MLP ratio'],
    ['patch_size', 16, 'int', 'patch size'],
    ['init_scale', Math.round(rng.range(0.5, 1.5) * 100) / 100, 'float', 'init scale'],
  ];
  return hyperparams({ Args: args, General: general, Model: modelParams });
}

function benchTask(index: number, opts: LargeDatasetOptions, kind: 'normal' | 'long'): DemoTask {
  const name = kind === 'long' ? 'long run (1M iterations)' : `bench-${String(index).padStart(3, '0')}`;
  const id = demoId('task', PROJECT, kind, index);
  const rng = new Rng(`bench:${kind}:${index}`);
  const createdMs = BASE_TIME + 30 * DAY + index * 3_600_000;
  const startedMs = createdMs + 60_000;
  const msPerIter = kind === 'long' ? 50 : 250;
  const count = kind === 'long' ? LONG_SERIES_POINTS : opts.iterations;
  const seed = hash32(id);
  const scalars: DemoScalarSeries[] =
    kind === 'long'
      ? [benchSeries('loss', 'long', 'loss', seed, count, startedMs, msPerIter)]
      : Array.from({ length: opts.metrics }, (_, k) => {
          const { metric, variant } = benchSeriesName(k);
          return benchSeries(metric, variant, metric as Kind, (seed + Math.imul(k + 1, 0x9e3779b1)) >>> 0, count, startedMs, msPerIter);
        });
  const endMs = startedMs + count * msPerIter + 30_000;
  const hunkNames = Object.keys(HUNKS);
  const chosen = index % 4 === 3 ? [] : hunkNames.filter((_, h) => (hash32(`${id}:${h}`) & 3) === 0).slice(0, 4);
  const user = [USERS.alice, USERS.bruno, USERS.priya][index % 3];
  const plots =
    kind === 'normal' && index < 2
      ? (() => {
          const r = new Rng(`${id}:cm`);
          const classes = ['cls_0', 'cls_1', 'cls_2', 'cls_3', 'cls_4', 'cls_5', 'cls_6', 'cls_7'];
          return [
            {
              metric: 'Confusion Matrix',
              variant: 'val',
              iter: count,
              timestamp: endMs - 20_000,
              plot_str: confusionMatrixPlot('Confusion Matrix - val', classes, confusionCounts(perClassAccuracy(0.8, classes, r), 200, r)),
            },
          ];
        })()
      : [];
  return {
    id,
    name,
    type: 'training',
    status: 'completed',
    comment: autoComment(createdMs, 'bench', 'bench-runner'),
    tags: kind === 'long' ? ['long'] : ['benchmark', `group-${index % 5}`],
    system_tags: [],
    user,
    parent: null,
    created: iso(createdMs),
    started: iso(startedMs),
    completed: iso(endMs),
    status_changed: iso(endMs),
    status_message: '',
    status_reason: 'Training finished',
    last_worker: `bench-node-${String(index % 8).padStart(2, '0')}:gpu0`,
    active_duration: Math.round((endMs - startedMs) / 1000),
    script: {
      binary: 'python3.11',
      repository: 'https://github.com/acme-ml/vision-bench.git',
      branch: index % 6 === 0 ? 'perf/compile' : 'main',
      tag: '',
      version_num: commitHash('bench', index % 6 === 0 ? 'perf' : 'main', Math.floor(index / 10)),
      entry_point: 'bench/train.py',
      working_dir: '.',
      requirements: {
        pip: requirementsText(
          index % 7 === 0 ? { versions: { torch: '2.3.0', triton: '2.3.0' } } : index % 11 === 0 ? { add: [['deepspeed', '0.13.1']] } : {},
        ),
      },
      diff: buildDiff(chosen, id),
    },
    container: { image: 'nvcr.io/nvidia/pytorch:24.05-py3', arguments: '--ipc=host --shm-size=16g', setup_shell_script: '' },
    hyperparams: benchHyperparams(index, rng),
    configuration: {
      'config.yaml': configItem(
        'config.yaml',
        `run:\n  index: ${index}\n  iterations: ${count}\ndata:\n  image_size: ${[160, 192, 224][index % 3]}\n`,
        'yaml',
        'run configuration',
      ),
    },
    runtime: {
      gpu_type: 'NVIDIA H100 80GB HBM3',
      gpu_count: index % 4 === 0 ? 4 : 1,
      cpu_cores: 32,
      hostname: `bench-node-${String(index % 8).padStart(2, '0')}`,
    },
    execution: { queue: queue('benchmark'), framework: 'PyTorch', artifacts: [] },
    models: { input: [], output: [] },
    scalars,
    singleValues: kind === 'long' ? [] : [{ metric: 'Summary', variant: 'score', value: Math.round(rng.range(0.6, 0.95) * 10000) / 10000 }],
    plots,
    samples: [],
    logs: [
      { iter: 0, level: 'info', msg: `benchmark task ${name} started`, timestamp: startedMs },
      { iter: count, level: 'info', msg: `benchmark task ${name} finished after ${count} iterations`, timestamp: endMs - 30_000 },
    ],
  };
}

/**
 * One project "Benchmark" with `tasks` tasks, each with `metrics` series of `iterations` points.
 * When iterations >= 100,000 one more task ("long run") holds a single 1,000,000-point series loss/long.
 */
export function largeDataset(opts: LargeDatasetOptions): DemoProject[] {
  if (!(opts.tasks >= 0 && opts.iterations >= 0 && opts.metrics >= 0)) throw new RangeError('tasks, iterations and metrics must be >= 0');
  const tasks = Array.from({ length: opts.tasks }, (_, i) => benchTask(i, opts, 'normal'));
  if (opts.iterations >= 100_000) tasks.push(benchTask(opts.tasks, opts, 'long'));
  return [
    {
      id: demoId('project', PROJECT),
      name: PROJECT,
      description: `Synthetic load: ${opts.tasks} tasks x ${opts.metrics} series x ${opts.iterations} iterations.`,
      created: iso(BASE_TIME + 29 * DAY),
      tasks,
    },
  ];
}
