/** Project "CIFAR-10 sweep": one training script run with many hyperparameter settings. */
import { artifact, autoComment, configItem, hyperparams, labelsOf, model, queue, USERS } from './common.js';
import { buildDiff } from './diffs.js';
import { augmentationPng, predictionPng } from './media.js';
import {
  boxPlot,
  confusionCounts,
  confusionMatrixPlot,
  embeddingPlot,
  perClassAccuracy,
  prPlot,
  rocPlot,
  tablePlot,
  weightHistogramPlot,
} from './plots.js';
import { requirementsText, type RequirementChanges } from './requirements.js';
import { BASE_TIME, DAY, Rng, commitHash, demoId, hash32, iso } from './rng.js';
import type { DemoLog, DemoPlot, DemoProject, DemoSample, DemoScalarSeries, DemoTask } from './types.js';

export const CIFAR_CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
const PROJECT = 'CIFAR-10 sweep';
const REPO = 'https://github.com/acme-ml/cifar-playground.git';
const FORK = 'https://github.com/bokafor/cifar-playground.git';
const PREDICTION_VARIANTS = ['airplane', 'cat', 'ship', 'truck'] as const;
const VARIANT_HUE: Record<string, number> = { airplane: 205, cat: 30, ship: 185, truck: 350 };

type Optimizer = 'sgd' | 'adam' | 'adamw';
type Arch = 'resnet18' | 'resnet34' | 'wrn-28-10';

interface CifarConfig {
  name: string;
  arch: Arch;
  optimizer: Optimizer;
  lr: number;
  batch_size: number;
  dropout?: number; // undefined: the parameter does not exist in this task
  weight_decay?: number;
  epochs: number;
  seed: number;
  schedule: 'cosine' | 'step';
  augment: 'standard' | 'randaugment' | 'mixup';
  status: 'completed' | 'failed' | 'in_progress';
  /** Iteration the run stopped at (failed / in progress). */
  stopAt?: number;
  failure?: 'diverged' | 'oom';
  tags: string[];
  archived?: boolean;
  user: keyof typeof USERS;
  parent?: number;
  fork?: boolean;
  branch: string;
  hunks: string[];
  req?: RequirementChanges;
  image: string;
  numWorkers: number;
  amp?: boolean;
  comment?: string;
  workingDir?: string;
}

const IMG_2401 = 'nvcr.io/nvidia/pytorch:24.01-py3';
const IMG_2405 = 'nvcr.io/nvidia/pytorch:24.05-py3';
const IMG_PT = 'pytorch/pytorch:2.2.0-cuda12.1-cudnn8-runtime';

const CONFIGS: CifarConfig[] = [
  {
    name: 'resnet18 sgd lr=0.03 baseline',
    arch: 'resnet18',
    optimizer: 'sgd',
    lr: 0.03,
    batch_size: 128,
    dropout: 0,
    weight_decay: 5e-4,
    epochs: 50,
    seed: 42,
    schedule: 'step',
    augment: 'standard',
    status: 'completed',
    tags: ['baseline'],
    user: 'alice',
    branch: 'main',
    hunks: [],
    image: IMG_2401,
    numWorkers: 4,
    amp: false,
    comment: 'Reference run: plain SGD with step decay, standard crop+flip.',
  },
  {
    name: 'resnet18 adamw lr=0.001 seed=1',
    arch: 'resnet18',
    optimizer: 'adamw',
    lr: 1e-3,
    batch_size: 128,
    dropout: 0.1,
    weight_decay: 0.05,
    epochs: 50,
    seed: 1,
    schedule: 'cosine',
    augment: 'standard',
    status: 'completed',
    tags: ['sweep'],
    user: 'alice',
    parent: 0,
    branch: 'main',
    hunks: ['config.sched'],
    image: IMG_2401,
    numWorkers: 4,
    amp: true,
  },
  {
    name: 'resnet18 adamw lr=0.001 seed=2',
    arch: 'resnet18',
    optimizer: 'adamw',
    lr: 1e-3,
    batch_size: 128,
    dropout: 0.1,
    weight_decay: 0.05,
    epochs: 50,
    seed: 2,
    schedule: 'cosine',
    augment: 'standard',
    status: 'completed',
    tags: ['sweep'],
    user: 'alice',
    parent: 0,
    branch: 'main',
    hunks: ['config.sched'],
    image: IMG_2401,
    numWorkers: 4,
    amp: true,
  },
  {
    name: 'resnet18 adamw lr=0.001 seed=3',
    arch: 'resnet18',
    optimizer: 'adamw',
    lr: 1e-3,
    batch_size: 128,
    dropout: 0.1,
    weight_decay: 0.05,
    epochs: 50,
    seed: 3,
    schedule: 'cosine',
    augment: 'standard',
    status: 'completed',
    tags: ['sweep'],
    user: 'alice',
    parent: 0,
    branch: 'main',
    hunks: ['config.sched', 'train.seed'],
    image: IMG_2401,
    numWorkers: 4,
    amp: true,
  },
  {
    name: 'resnet18 adam lr=0.0001',
    arch: 'resnet18',
    optimizer: 'adam',
    lr: 1e-4,
    batch_size: 128,
    dropout: 0.1,
    weight_decay: 0,
    epochs: 50,
    seed: 42,
    schedule: 'cosine',
    augment: 'standard',
    status: 'completed',
    tags: ['sweep'],
    user: 'priya',
    branch: 'main',
    hunks: [],
    image: IMG_2401,
    numWorkers: 4,
    req: { versions: { numpy: '1.26.2' } },
  },
  {
    name: 'resnet18 adam lr=0.0003',
    arch: 'resnet18',
    optimizer: 'adam',
    lr: 3e-4,
    batch_size: 128,
    dropout: 0.1,
    weight_decay: 0,
    epochs: 50,
    seed: 42,
    schedule: 'cosine',
    augment: 'standard',
    status: 'completed',
    tags: ['sweep'],
    user: 'priya',
    branch: 'main',
    hunks: ['train.clip'],
    image: IMG_2401,
    numWorkers: 4,
    amp: true,
  },
  {
    name: 'resnet18 adamw lr=0.003 dropout=0.2',
    arch: 'resnet18',
    optimizer: 'adamw',
    lr: 3e-3,
    batch_size: 256,
    dropout: 0.2,
    weight_decay: 0.05,
    epochs: 60,
    seed: 42,
    schedule: 'cosine',
    augment: 'randaugment',
    status: 'completed',
    tags: ['sweep', 'best', 'augmentation'],
    user: 'alice',
    parent: 1,
    branch: 'feature/randaugment',
    hunks: ['aug.cutout', 'model.dropout', 'model.forward', 'config.sched'],
    image: IMG_2405,
    numWorkers: 8,
    amp: true,
    req: { versions: { torch: '2.3.0', torchvision: '0.18.0', triton: '2.3.0' }, add: [['kornia', '0.7.2']] },
    comment: 'Best so far: RandAugment + cosine schedule, dropout before the head.',
  },
  {
    name: 'resnet18 adamw lr=0.01',
    arch: 'resnet18',
    optimizer: 'adamw',
    lr: 1e-2,
    batch_size: 256,
    dropout: 0.1,
    weight_decay: 0.05,
    epochs: 50,
    seed: 42,
    schedule: 'cosine',
    augment: 'standard',
    status: 'completed',
    tags: ['sweep'],
    user: 'bruno',
    branch: 'main',
    hunks: ['train.clip', 'train.amp'],
    image: IMG_2401,
    numWorkers: 8,
    amp: true,
  },
  {
    name: 'resnet18 adam lr=0.1',
    arch: 'resnet18',
    optimizer: 'adam',
    lr: 0.1,
    batch_size: 128,
    dropout: 0.1,
    weight_decay: 0,
    epochs: 50,
    seed: 42,
    schedule: 'cosine',
    augment: 'standard',
    status: 'failed',
    stopAt: 618,
    failure: 'diverged',
    tags: ['sweep'],
    user: 'bruno',
    branch: 'main',
    hunks: [],
    image: IMG_2401,
    numWorkers: 4,
    amp: true,
  },
  {
    name: 'resnet18 sgd lr=0.1 bs=256',
    arch: 'resnet18',
    optimizer: 'sgd',
    lr: 0.1,
    batch_size: 256,
    dropout: 0,
    weight_decay: 5e-4,
    epochs: 50,
    seed: 42,
    schedule: 'step',
    augment: 'standard',
    status: 'completed',
    tags: ['sweep'],
    user: 'bruno',
    branch: 'main',
    hunks: ['config.workers'],
    image: IMG_PT,
    numWorkers: 8,
    amp: false,
    req: { remove: ['tensorboard', 'tensorboard-data-server'] },
  },
  {
    name: 'resnet18 sgd lr=0.01 (old script)',
    arch: 'resnet18',
    optimizer: 'sgd',
    lr: 1e-2,
    batch_size: 128,
    epochs: 40,
    seed: 42,
    schedule: 'step',
    augment: 'standard',
    status: 'completed',
    tags: [],
    archived: true,
    user: 'priya',
    branch: 'main',
    hunks: [],
    image: IMG_2401,
    numWorkers: 2,
    req: { versions: { torch: '2.1.2', torchvision: '0.16.2', triton: '2.1.0', numpy: '1.24.4', clearml: '1.13.2' } },
    comment: 'Superseded: written before dropout / weight_decay were exposed as arguments.',
  },
  {
    name: 'resnet34 sgd lr=0.03 bs=512',
    arch: 'resnet34',
    optimizer: 'sgd',
    lr: 0.03,
    batch_size: 512,
    dropout: 0,
    weight_decay: 5e-4,
    epochs: 50,
    seed: 42,
    schedule: 'step',
    augment: 'standard',
    status: 'failed',
    stopAt: 184,
    failure: 'oom',
    tags: ['sweep'],
    user: 'bruno',
    branch: 'main',
    hunks: ['train.amp'],
    image: IMG_2401,
    numWorkers: 8,
    amp: false,
  },
  {
    name: 'resnet18 sgd lr=0.03 mixup',
    arch: 'resnet18',
    optimizer: 'sgd',
    lr: 0.03,
    batch_size: 128,
    dropout: 0,
    weight_decay: 5e-4,
    epochs: 50,
    seed: 42,
    schedule: 'cosine',
    augment: 'mixup',
    status: 'completed',
    tags: ['augmentation'],
    user: 'alice',
    parent: 0,
    branch: 'feature/mixup',
    hunks: ['aug.mixup', 'train.log_every'],
    image: IMG_2401,
    numWorkers: 4,
    amp: false,
    workingDir: 'experiments/cifar',
  },
  {
    name: 'resnet18 sgd lr=0.03 seed=43',
    arch: 'resnet18',
    optimizer: 'sgd',
    lr: 0.03,
    batch_size: 128,
    dropout: 0,
    weight_decay: 5e-4,
    epochs: 50,
    seed: 43,
    schedule: 'step',
    augment: 'standard',
    status: 'completed',
    tags: ['baseline'],
    user: 'alice',
    parent: 0,
    branch: 'main',
    hunks: [],
    image: IMG_2401,
    numWorkers: 4,
    amp: false,
  },
  {
    name: 'wrn-28-10 adamw lr=0.003',
    arch: 'wrn-28-10',
    optimizer: 'adamw',
    lr: 3e-3,
    batch_size: 128,
    dropout: 0.3,
    weight_decay: 0.05,
    epochs: 60,
    seed: 7,
    schedule: 'cosine',
    augment: 'randaugment',
    status: 'in_progress',
    stopAt: 1430,
    tags: ['sweep', 'augmentation'],
    user: 'bruno',
    fork: true,
    branch: 'feature/wrn',
    hunks: ['aug.cutout', 'train.amp', 'config.workers'],
    image: IMG_2405,
    numWorkers: 8,
    amp: true,
    req: { versions: { torch: '2.3.0', torchvision: '0.18.0', triton: '2.3.0', timm: '1.0.3' }, add: [['kornia', '0.7.2']] },
  },
  {
    name: 'resnet18 adamw lr=0.003 mixup',
    arch: 'resnet18',
    optimizer: 'adamw',
    lr: 3e-3,
    batch_size: 128,
    dropout: 0.2,
    weight_decay: 0.05,
    epochs: 50,
    seed: 42,
    schedule: 'cosine',
    augment: 'mixup',
    status: 'in_progress',
    stopAt: 640,
    tags: ['augmentation'],
    user: 'priya',
    fork: true,
    branch: 'feature/wrn',
    hunks: ['aug.mixup'],
    image: IMG_2405,
    numWorkers: 8,
    amp: true,
    workingDir: 'experiments/cifar',
    req: { versions: { torch: '2.3.0', torchvision: '0.18.0', triton: '2.3.0' } },
  },
];

const PARAMS_MILLIONS: Record<Arch, number> = { resnet18: 11.17, resnet34: 21.28, 'wrn-28-10': 36.48 };

/** Everything needed to evaluate the (noise-free) learning curves of one run. */
interface CurveModel {
  n: number;
  last: number;
  finalAcc: number;
  tau: number;
  gap: number;
  overfit: number;
  boost: number;
  schedule: 'cosine' | 'step';
  lr: number;
  warmup: number;
  bs: number;
  divergeAt: number | null;
  oom: boolean;
  /** Extra GPU memory (%) the architecture needs. */
  memExtra: number;
  startMs: number;
  msPerIter: number;
}

function curveModel(cfg: CifarConfig, rng: Rng, startMs: number): CurveModel {
  const optimum = cfg.optimizer === 'sgd' ? Math.log10(0.05) : Math.log10(2.5e-3);
  const dist = Math.log10(cfg.lr) - optimum;
  const q = Math.exp(-(dist * dist) / (2 * 0.55 * 0.55));
  let finalAcc = 0.72 + 0.2 * q;
  finalAcc += cfg.arch === 'resnet34' ? 0.01 : cfg.arch === 'wrn-28-10' ? 0.02 : 0;
  finalAcc += (cfg.dropout ?? 0) > 0 ? 0.006 : 0;
  finalAcc += (cfg.weight_decay ?? 0) > 0 ? 0.008 : 0;
  finalAcc += cfg.augment === 'randaugment' ? 0.012 : cfg.augment === 'mixup' ? 0.008 : 0;
  finalAcc += (rng.next() - 0.5) * 0.008; // seed-to-seed variation
  finalAcc = Math.min(0.965, finalAcc);
  const n = cfg.epochs * 50;
  // Small learning rates converge slowly; large ones fast (until they are too large).
  const tau = n * Math.min(0.45, Math.max(0.06, 0.12 * Math.pow(10, -0.45 * dist)));
  const reg = (cfg.dropout ?? 0) + (cfg.weight_decay ?? 0) * 4 + (cfg.augment === 'standard' ? 0 : 0.3);
  return {
    n,
    last: cfg.stopAt ?? n,
    finalAcc,
    tau,
    gap: 0.075 - Math.min(0.05, reg * 0.08),
    overfit: 0.5 / (1 + 6 * reg),
    boost: cfg.schedule === 'step' ? 0.035 : 0.015,
    schedule: cfg.schedule,
    lr: cfg.lr,
    warmup: 100,
    bs: cfg.batch_size,
    divergeAt: cfg.failure === 'diverged' ? (cfg.stopAt ?? n) - 170 : null,
    oom: cfg.failure === 'oom',
    memExtra: cfg.arch === 'wrn-28-10' ? 34 : cfg.arch === 'resnet34' ? 9 : 0,
    startMs,
    msPerIter:
      1000 * (1.1 + cfg.batch_size / 140) * (cfg.arch === 'wrn-28-10' ? 2.6 : cfg.arch === 'resnet34' ? 1.7 : 1) * (cfg.amp ? 0.7 : 1),
  };
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Noise-free validation accuracy at iteration t. */
function accAt(m: CurveModel, t: number): number {
  const p = 1 - Math.exp(-t / m.tau);
  let acc = 0.1 + (m.finalAcc - 0.1 - m.boost) * p;
  if (m.schedule === 'step') acc += m.boost * (0.65 * sigmoid((t - 0.5 * m.n) / 8) + 0.35 * sigmoid((t - 0.75 * m.n) / 8));
  else acc += m.boost * ((1 - Math.cos((Math.PI * Math.min(t, m.n)) / m.n)) / 2) ** 2;
  if (m.divergeAt !== null && t > m.divergeAt) {
    const a0 = accAt({ ...m, divergeAt: null }, m.divergeAt);
    acc = 0.1 + (a0 - 0.1) * Math.exp(-(t - m.divergeAt) / 35);
  }
  return acc;
}

function lossFromAcc(acc: number): number {
  return 2.303 * Math.max(0, (1 - acc) / 0.9) + 0.04;
}

function divergence(m: CurveModel, t: number): number {
  return m.divergeAt !== null && t > m.divergeAt ? Math.exp((t - m.divergeAt) / 42) : 1;
}

function valLossAt(m: CurveModel, t: number): number {
  return (lossFromAcc(accAt(m, t)) + m.overfit * Math.max(0, t / m.n - 0.5) ** 2) * divergence(m, t);
}

function trainAccAt(m: CurveModel, t: number): number {
  const p = 1 - Math.exp(-t / m.tau);
  return Math.min(0.999, accAt(m, t) + m.gap * p * p);
}

function trainLossAt(m: CurveModel, t: number): number {
  return (lossFromAcc(trainAccAt(m, t)) * 0.92 + 0.01) * divergence(m, t);
}

function lrAt(m: CurveModel, t: number): number {
  if (t < m.warmup) return m.lr * (0.01 + 0.99 * (t / m.warmup));
  if (m.schedule === 'step') return m.lr * (t >= 0.75 * m.n ? 0.01 : t >= 0.5 * m.n ? 0.1 : 1);
  return m.lr * 0.5 * (1 + Math.cos((Math.PI * (t - m.warmup)) / (m.n - m.warmup)));
}

function ts(m: CurveModel, t: number): number {
  return Math.round(m.startMs + t * m.msPerIter);
}

function series(metric: string, variant: string, gen: () => Generator<[number, number, number]>): DemoScalarSeries {
  return { metric, variant, points: gen };
}

/** Loss spikes: a handful of single-iteration jumps by a factor of 5-10. */
function spikeMap(seedKey: string, last: number): Map<number, number> {
  const rng = new Rng(`spikes:${seedKey}`);
  const spikes = new Map<number, number>();
  const count = Math.max(1, Math.round(last / 450));
  for (let k = 0; k < count; k++) spikes.set(rng.int(Math.min(60, last), last - 1), 5 + 5 * rng.next());
  return spikes;
}

function cifarScalars(id: string, m: CurveModel, spikes: Map<number, number>): DemoScalarSeries[] {
  const out: DemoScalarSeries[] = [];
  out.push(
    series('loss', 'train', function* () {
      const r = new Rng(`${id}:loss/train`);
      for (let t = 1; t <= m.last; t++) {
        const v = trainLossAt(m, t) * Math.exp(0.1 * r.normal()) * (spikes.get(t) ?? 1);
        yield [t, v, ts(m, t)];
      }
    }),
  );
  out.push(
    series('loss', 'val', function* () {
      const r = new Rng(`${id}:loss/val`);
      for (let t = 50; t <= m.last; t += 50) yield [t, valLossAt(m, t) * (1 + 0.025 * r.normal()), ts(m, t)];
    }),
  );
  out.push(
    series('accuracy', 'train', function* () {
      const r = new Rng(`${id}:accuracy/train`);
      for (let t = 1; t <= m.last; t++) {
        const a = trainAccAt(m, t);
        let v = a + Math.sqrt((a * (1 - a)) / m.bs) * r.normal();
        if (spikes.has(t)) v *= 0.55;
        yield [t, Math.min(1, Math.max(0, v)), ts(m, t)];
      }
    }),
  );
  out.push(
    series('accuracy', 'val', function* () {
      const r = new Rng(`${id}:accuracy/val`);
      for (let t = 50; t <= m.last; t += 50) yield [t, Math.min(1, Math.max(0, accAt(m, t) + 0.004 * r.normal())), ts(m, t)];
    }),
  );
  out.push(
    series('learning_rate', 'lr', function* () {
      for (let t = 1; t <= m.last; t++) yield [t, lrAt(m, t), ts(m, t)];
    }),
  );
  out.push(
    series(':monitor:gpu', 'gpu_0_utilization', function* () {
      const r = new Rng(`${id}:gpu/util`);
      for (let t = 10; t <= m.last; t += 10) {
        const base = t % 50 === 0 ? 45 : 93;
        yield [t, Math.min(100, Math.max(0, base + 4 * r.normal())), ts(m, t)];
      }
    }),
  );
  out.push(
    series(':monitor:gpu', 'gpu_0_mem_usage', function* () {
      const r = new Rng(`${id}:gpu/mem`);
      const base = 18 + (m.bs / 512) * 55 + m.memExtra;
      for (let t = 10; t <= m.last; t += 10) {
        const grow = m.oom ? (t / m.last) ** 3 * (100 - base) : Math.min(4, t / 100);
        yield [t, Math.min(100, base + grow + 0.6 * r.normal()), ts(m, t)];
      }
    }),
  );
  return out;
}

function yamlConfig(cfg: CifarConfig): string {
  const lines = [
    '# Training configuration (resolved)',
    'model:',
    `  arch: ${cfg.arch}`,
    '  num_classes: 10',
    ...(cfg.dropout !== undefined ? [`  dropout: ${cfg.dropout}`] : []),
    `  pretrained: ${cfg.arch === 'wrn-28-10' ? 'false' : 'true'}`,
    'optimizer:',
    `  name: ${cfg.optimizer}`,
    `  lr: ${cfg.lr}`,
    ...(cfg.weight_decay !== undefined ? [`  weight_decay: ${cfg.weight_decay}`] : []),
    ...(cfg.optimizer === 'sgd' ? ['  momentum: 0.9', '  nesterov: true'] : ['  betas: [0.9, 0.999]', '  eps: 1.0e-08']),
    'scheduler:',
    `  name: ${cfg.schedule}`,
    ...(cfg.schedule === 'step'
      ? [`  milestones: [${Math.round(cfg.epochs / 2)}, ${Math.round(cfg.epochs * 0.75)}]`, '  gamma: 0.1']
      : ['  warmup_iters: 100', '  min_lr: 0.0']),
    'data:',
    '  root: /datasets/cifar10',
    `  batch_size: ${cfg.batch_size}`,
    `  num_workers: ${cfg.numWorkers}`,
    '  pin_memory: true',
    '  augment:',
    '    random_crop: {size: 32, padding: 4}',
    '    hflip: 0.5',
    ...(cfg.augment === 'randaugment' ? ['    randaugment: {num_ops: 2, magnitude: 9}', '    cutout: 16'] : []),
    ...(cfg.augment === 'mixup' ? ['    mixup: {alpha: 0.2}'] : []),
    'trainer:',
    `  epochs: ${cfg.epochs}`,
    `  amp: ${cfg.amp ? 'true' : 'false'}`,
    `  seed: ${cfg.seed}`,
    '  val_every: 50',
    ...(cfg.hunks.includes('train.clip') ? ['  grad_clip: 5.0'] : []),
    '  checkpoint:',
    '    monitor: accuracy/val',
    '    mode: max',
  ];
  return lines.join('\n') + '\n';
}

function modelJson(cfg: CifarConfig): string {
  const wide = cfg.arch === 'wrn-28-10';
  const blocks = cfg.arch === 'resnet34' ? [3, 4, 6, 3] : [2, 2, 2, 2];
  const obj = {
    arch: cfg.arch,
    num_classes: 10,
    stem: wide ? { conv: { kernel: 3, stride: 1, channels: 16 } } : { conv: { kernel: 3, stride: 1, channels: 64 }, maxpool: false },
    stages: wide
      ? [16, 32, 64].map((c, i) => ({ blocks: 4, channels: c * 10, stride: i === 0 ? 1 : 2, dropout: cfg.dropout ?? 0 }))
      : blocks.map((b, i) => ({ blocks: b, channels: 64 << i, stride: i === 0 ? 1 : 2 })),
    head: { pool: 'avg', dropout: cfg.dropout ?? 0, bias: true },
    init: {
      conv: 'kaiming_normal',
      linear: cfg.optimizer === 'sgd' ? 'normal(0, 0.01)' : 'xavier_uniform',
      zero_init_residual: cfg.optimizer !== 'sgd',
    },
    norm: { type: 'batchnorm', momentum: 0.1, eps: 1e-5 },
  };
  return JSON.stringify(obj, null, 2) + '\n';
}

function designText(cfg: CifarConfig): string {
  const p = PARAMS_MILLIONS[cfg.arch];
  const head = cfg.dropout ? `  (dropout): Dropout(p=${cfg.dropout}, inplace=False)\n` : '';
  if (cfg.arch === 'wrn-28-10')
    return `WideResNet(\n  (conv1): Conv2d(3, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)\n  (block1): NetworkBlock(4 x BasicBlock(160))\n  (block2): NetworkBlock(4 x BasicBlock(320))\n  (block3): NetworkBlock(4 x BasicBlock(640))\n  (bn): BatchNorm2d(640)\n${head}  (fc): Linear(in_features=640, out_features=10, bias=True)\n)\n# parameters: ${p}M`;
  const layers = cfg.arch === 'resnet34' ? [3, 4, 6, 3] : [2, 2, 2, 2];
  return `ResNet(\n  (conv1): Conv2d(3, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)\n  (bn1): BatchNorm2d(64, eps=1e-05, momentum=0.1)\n${layers.map((b, i) => `  (layer${i + 1}): Sequential(${b} x BasicBlock(${64 << i}))`).join('\n')}\n  (avgpool): AdaptiveAvgPool2d(output_size=(1, 1))\n${head}  (fc): Linear(in_features=512, out_features=10, bias=True)\n)\n# parameters: ${p}M`;
}

function cifarPlots(id: string, m: CurveModel, cfg: CifarConfig): DemoPlot[] {
  const plots: DemoPlot[] = [];
  const iters = [500, 1500, m.n].filter((i) => i <= m.last);
  for (const it of iters) {
    const r = new Rng(`${id}:plots:${it}`);
    const acc = accAt(m, it);
    const pc = perClassAccuracy(acc, CIFAR_CLASSES, r);
    const counts = confusionCounts(pc, 1000, r);
    const t = ts(m, it) + 15_000;
    const add = (metric: string, variant: string, plot_str: string) => plots.push({ metric, variant, iter: it, plot_str, timestamp: t });
    add('Confusion Matrix', 'test', confusionMatrixPlot(`Confusion Matrix - iteration ${it}`, CIFAR_CLASSES, counts));
    const aucs = pc.map((a) => Math.min(0.999, 1 - (1 - a) * 0.32));
    add('ROC', 'test', rocPlot('ROC - test', CIFAR_CLASSES, aucs));
    add(
      'Precision-Recall',
      'test',
      prPlot(
        'Precision-Recall - test',
        CIFAR_CLASSES,
        pc.map((a) => Math.min(0.995, a ** 1.3 + 0.02)),
      ),
    );
    const wstd = (cfg.weight_decay ? 0.05 : 0.075) * (1 + 0.3 * (it / m.n));
    add('Weights', 'conv1', weightHistogramPlot('Weights - conv1', wstd, 1728, r, 'conv1.weight'));
    add('Weights', 'fc', weightHistogramPlot('Weights - fc', wstd * 0.6, 5120, r, 'fc.weight'));
    const colSums = CIFAR_CLASSES.map((_, j) => counts.reduce((s, row) => s + row[j], 0));
    const rows = CIFAR_CLASSES.map((c, i) => {
      const prec = counts[i][i] / Math.max(1, colSums[i]);
      const rec = counts[i][i] / 1000;
      const f1 = (2 * prec * rec) / Math.max(1e-9, prec + rec);
      return [c, prec.toFixed(3), rec.toFixed(3), f1.toFixed(3), 1000];
    });
    add('Per-class metrics', 'test', tablePlot('Per-class metrics - test', ['class', 'precision', 'recall', 'f1', 'support'], rows));
    const groups = [4, 3, 2, 1, 0].map((k) => {
      const center = Math.max(1, it - k * 100);
      const base = trainLossAt(m, center);
      return {
        name: `iter ${Math.max(1, center - 50)}-${center}`,
        values: Array.from({ length: 40 }, () => base * Math.exp(0.18 * r.normal()) * (r.chance(0.03) ? 3 : 1)),
      };
    });
    add('Batch loss', 'distribution', boxPlot('Batch loss - distribution', groups));
    if (it === m.n) add('Embeddings', 't-SNE', embeddingPlot('Embeddings - t-SNE of penultimate layer (test)', CIFAR_CLASSES, acc, r));
    if (it === m.n)
      add('Batch loss', 'per augmentation', boxPlot('Batch loss - per augmentation policy', augmentationLosses(id, trainLossAt(m, it))));
  }
  return plots;
}

/** 25 augmentation policies with long, similar names (the last part tells them apart), 30 losses each. */
function augmentationLosses(id: string, loss: number): { name: string; values: number[] }[] {
  const r = new Rng(`${id}:augmentation-losses`);
  return Array.from({ length: 25 }, (_, k) => ({
    name: `randaugment n=2 m=${9 + (k % 5)} + cutout 16px + horizontal flip, policy ${String(k + 1).padStart(2, '0')}`,
    values: Array.from({ length: 30 }, () => loss * (1 + 0.04 * (k % 7)) * Math.exp(0.15 * r.normal())),
  }));
}

function cifarSamples(id: string, m: CurveModel): DemoSample[] {
  const samples: DemoSample[] = [];
  const taskHue = hash32(id) % 360;
  for (let it = 250; it <= m.last; it += 250) {
    for (const v of PREDICTION_VARIANTS) {
      const iter = it;
      samples.push({
        metric: 'predictions',
        variant: v,
        iter,
        path: `demo/${id}/predictions/${v}/${String(iter).padStart(8, '0')}.png`,
        timestamp: ts(m, iter) + 4000,
        bytes: () => {
          const r = new Rng(`${id}:${v}:${iter}`);
          const acc = accAt(m, iter);
          return predictionPng({
            taskHue,
            variantHue: VARIANT_HUE[v],
            shape: v,
            progress: iter / m.n,
            correct: r.next() < acc,
            confidence: Math.min(0.99, acc * (0.8 + 0.25 * r.next())),
            seed: hash32(`${id}:${v}:${iter}`),
          });
        },
      });
    }
    if (it % 500 === 0) {
      for (const kind of ['crop', 'flip']) {
        const iter = it;
        samples.push({
          metric: 'augmentations',
          variant: kind,
          iter,
          path: `demo/${id}/augmentations/${kind}/${String(iter).padStart(8, '0')}.png`,
          timestamp: ts(m, iter) + 1000,
          bytes: () => augmentationPng({ taskHue, kind, iter, seed: hash32(`${id}:aug:${kind}:${iter}`) }),
        });
      }
    }
  }
  return samples;
}

function cifarLogs(id: string, m: CurveModel, cfg: CifarConfig, spikes: Map<number, number>, worker: string): DemoLog[] {
  const logs: DemoLog[] = [];
  const log = (iter: number, level: string, msg: string, dt = 0) => logs.push({ iter, level, msg, timestamp: ts(m, iter) + dt });
  log(0, 'info', `ClearML Task: created new task id=${id}`);
  log(0, 'info', `ClearML results page: http://127.0.0.1:8080/projects/${demoId('project', PROJECT)}/experiments/${id}/output/log`, 1);
  log(0, 'info', `Running on ${worker} (1x NVIDIA A100-SXM4-40GB, CUDA 12.2, torch ${cfg.req?.versions?.torch ?? '2.2.0'})`, 2);
  log(0, 'info', 'Files already downloaded and verified', 900);
  log(0, 'info', `Model ${cfg.arch}: ${PARAMS_MILLIONS[cfg.arch]}M parameters, optimizer ${cfg.optimizer} lr=${cfg.lr}`, 1500);
  const r = new Rng(`${id}:logs`);
  for (let t = 250; t <= m.last; t += 250) {
    const tl = trainLossAt(m, t) * Math.exp(0.05 * r.normal());
    log(
      t,
      'info',
      `[${t}/${m.n}] epoch ${Math.ceil(t / 50)} loss=${tl.toFixed(4)} acc=${trainAccAt(m, t).toFixed(4)} lr=${lrAt(m, t).toExponential(3)}`,
    );
    if (t % 500 === 0)
      log(t, 'info', `[${t}/${m.n}] validation loss=${valLossAt(m, t).toFixed(4)} accuracy=${accAt(m, t).toFixed(4)}`, 8000);
  }
  for (const [t, f] of [...spikes.entries()].sort((a, b) => a[0] - b[0]))
    log(t, 'warning', `loss spike at iteration ${t}: ${(trainLossAt(m, t) * f).toFixed(3)} (x${f.toFixed(1)} the running mean)`, 50);
  if (cfg.failure === 'diverged') {
    log(
      m.last,
      'error',
      'Traceback (most recent call last):\n  File "train.py", line 203, in <module>\n    main()\n  File "train.py", line 148, in main\n    raise RuntimeError(f"loss is NaN at iteration {it}")\nRuntimeError: loss is NaN at iteration ' +
        m.last,
      500,
    );
  } else if (cfg.failure === 'oom') {
    log(
      m.last,
      'error',
      'Traceback (most recent call last):\n  File "train.py", line 133, in main\n    loss.backward()\n  File "/usr/local/lib/python3.10/dist-packages/torch/_tensor.py", line 522, in backward\n    torch.autograd.backward(\ntorch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 39.39 GiB of which 1.12 GiB is free.',
      500,
    );
  } else if (cfg.status === 'completed') {
    log(m.last, 'info', `Training finished: best accuracy/val=${accAt(m, m.last).toFixed(4)} at iteration ${m.last}`, 20_000);
    log(m.last, 'info', 'Uploading model_best.pt ... done', 40_000);
  }
  return logs.sort((a, b) => a.timestamp - b.timestamp);
}

function buildTask(cfg: CifarConfig, index: number, ids: string[]): DemoTask {
  const id = ids[index];
  const rng = new Rng(`cifar:${index}:${cfg.name}`);
  const user = USERS[cfg.user];
  // Completed runs are spread over Oct 1 .. Nov 18; runs in progress started on Nov 20.
  const createdMs =
    cfg.status === 'in_progress'
      ? BASE_TIME + 50 * DAY + (index - 14) * 3 * 3600_000
      : BASE_TIME + Math.round(index * 3.2 * DAY + rng.range(0, 8) * 3600_000);
  const startedMs = createdMs + Math.round(rng.range(20, 600) * 1000);
  const m = curveModel(cfg, rng, startedMs);
  const endMs = ts(m, m.last) + 60_000;
  const spikes = spikeMap(id, m.last);
  const workerHost = cfg.status === 'in_progress' ? 'gpu-node-07' : rng.pick(['gpu-node-01', 'gpu-node-02', 'gpu-node-03', 'gpu-node-05']);
  const worker = `${workerHost}:gpu${rng.int(0, 3)}`;
  const q = queue(cfg.arch === 'wrn-28-10' || cfg.batch_size >= 256 ? 'gpu-a100' : 'default');
  const completed = cfg.status === 'completed';
  const failed = cfg.status === 'failed';
  const statusMessage =
    cfg.failure === 'diverged'
      ? 'RuntimeError: loss is NaN at iteration ' + m.last
      : cfg.failure === 'oom'
        ? 'torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB'
        : completed
          ? ''
          : 'Running';
  const statusReason = failed ? 'Script exited with an error (return code 1)' : completed ? 'Training finished' : 'Started by agent';

  const lastAcc = accAt(m, m.last);
  const trainHours = (m.last * m.msPerIter) / 3600_000;
  const singleValues = [{ metric: 'Summary', variant: 'params_millions', value: PARAMS_MILLIONS[cfg.arch] }];
  if (completed) {
    singleValues.push({
      metric: 'Summary',
      variant: 'test_accuracy',
      value: Math.round((lastAcc - 0.003 + 0.004 * rng.next()) * 10000) / 10000,
    });
    singleValues.push({ metric: 'Summary', variant: 'train_hours', value: Math.round(trainHours * 100) / 100 });
  }

  const modelLabels = labelsOf(CIFAR_CLASSES);
  const inputModels =
    cfg.arch === 'wrn-28-10'
      ? []
      : [
          {
            name: 'Input Model',
            model: model({
              key: `imagenet-${cfg.arch}`,
              name: `${cfg.arch}_imagenet_pretrained`,
              uri: `https://download.pytorch.org/models/${cfg.arch === 'resnet18' ? 'resnet18-f37072fd' : 'resnet34-b627a593'}.pth`,
              design: designText({ ...cfg, dropout: undefined }).replace('out_features=10', 'out_features=1000'),
              labels: {},
            }),
          },
        ];
  const outputModels =
    completed || cfg.status === 'in_progress'
      ? [
          {
            name: 'Output Model',
            model: model({
              key: `cifar-out-${id}`,
              name: `${cfg.name} - best`,
              uri: `s3://acme-ml-models/cifar10-sweep/${cfg.name.replace(/[^a-z0-9.=-]+/gi, '_')}.${id}/models/model_best.pt`,
              design: designText(cfg),
              labels: modelLabels,
            }),
          },
        ]
      : [];

  const csvRows = ['iteration,loss_train,loss_val,accuracy_val,lr'];
  for (let t = 500; t <= m.last; t += 500)
    csvRows.push(
      `${t},${trainLossAt(m, t).toFixed(4)},${valLossAt(m, t).toFixed(4)},${accAt(m, t).toFixed(4)},${lrAt(m, t).toExponential(3)}`,
    );
  const artifactBase = `s3://acme-ml-artifacts/cifar10-sweep/${id}/artifacts`;
  const artifacts = [
    artifact({
      key: 'dataset',
      type: 'custom',
      mode: 'input',
      uri: 's3://acme-ml-datasets/cifar10/cifar-10-python.tar.gz',
      size: 170498071,
      content: 'cifar-10-python.tar.gz:c58f30108f718f92721af3b95e74349a',
      timestamp: startedMs,
      preview: 'CIFAR-10 (python pickles): 50000 train / 10000 test images, 32x32 RGB, 10 classes',
      contentType: 'application/x-tar',
      display: [
        ['version', 'v1.0'],
        ['train', '45000'],
        ['val', '5000'],
        ['test', '10000'],
      ],
    }),
  ];
  if (!failed) {
    const csv = csvRows.join('\n') + '\n';
    artifacts.push(
      artifact({
        key: 'metrics.csv',
        type: 'pandas',
        mode: 'output',
        uri: `${artifactBase}/metrics.csv/metrics.csv.gz`,
        size: 180 + csv.length * 3,
        content: csv,
        timestamp: ts(m, m.last),
        preview: csvRows.slice(0, 6).join('\n'),
        contentType: 'text/csv',
        display: [
          ['shape', `(${csvRows.length - 1}, 5)`],
          ['columns', 'iteration, loss_train, loss_val, accuracy_val, lr'],
        ],
      }),
    );
  }
  if (completed) {
    artifacts.push(
      artifact({
        key: 'predictions',
        type: 'numpy',
        mode: 'output',
        uri: `${artifactBase}/predictions/predictions.npz`,
        size: 400128 + index * 16,
        content: `predictions:${id}:${lastAcc}`,
        timestamp: endMs - 30_000,
        preview: `ndarray float32 (10000, 10)\n[[${Array.from({ length: 4 }, () => rng.next().toFixed(3)).join(' ')} ...]\n ...]`,
        contentType: 'application/octet-stream',
        display: [
          ['shape', '(10000, 10)'],
          ['dtype', 'float32'],
          ['top1', lastAcc.toFixed(4)],
        ],
      }),
    );
  }

  const fork = !!cfg.fork;
  const hp = hyperparams({
    Args: [
      ['lr', cfg.lr, 'float', 'initial learning rate'],
      ['batch_size', cfg.batch_size, 'int', 'mini-batch size'],
      ['optimizer', cfg.optimizer, 'str', 'sgd | adam | adamw'],
      cfg.dropout !== undefined ? ['dropout', cfg.dropout, 'float', 'dropout before the classifier'] : null,
      cfg.weight_decay !== undefined ? ['weight_decay', cfg.weight_decay, 'float', 'L2 / decoupled weight decay'] : null,
      ['epochs', cfg.epochs, 'int', 'number of epochs'],
      ['seed', cfg.seed, 'int', 'random seed'],
      ['lr_schedule', cfg.schedule, 'str', 'cosine | step'],
      ['augment', cfg.augment, 'str', 'standard | randaugment | mixup'],
      cfg.amp !== undefined ? ['amp', cfg.amp, 'bool', 'mixed precision training'] : null,
    ],
    General: [
      ['arch', cfg.arch, 'str', 'model architecture'],
      ['dataset', 'cifar10', 'str', 'dataset name'],
      ['num_workers', cfg.numWorkers, 'int', 'data loader workers'],
      ['val_every', 50, 'int', 'validate every N iterations'],
      ['pretrained', cfg.arch !== 'wrn-28-10', 'bool', 'start from ImageNet weights'],
    ],
  });

  return {
    id,
    name: cfg.name,
    type: 'training',
    status: cfg.status,
    comment: cfg.comment ? `${cfg.comment}\n${autoComment(createdMs, cfg.user, workerHost)}` : autoComment(createdMs, cfg.user, workerHost),
    tags: cfg.tags,
    system_tags: cfg.archived ? ['archived'] : [],
    user,
    parent: cfg.parent !== undefined ? ids[cfg.parent] : null,
    created: iso(createdMs),
    started: iso(startedMs),
    completed: completed || failed ? iso(endMs) : null,
    status_changed: iso(completed || failed ? endMs : startedMs),
    status_message: statusMessage,
    status_reason: statusReason,
    last_worker: worker,
    active_duration: Math.round((ts(m, m.last) - startedMs) / 1000) + (completed || failed ? 60 : 0),
    script: {
      binary: cfg.image === IMG_2405 ? 'python3.11' : 'python3.10',
      repository: fork ? FORK : REPO,
      branch: cfg.branch,
      tag: cfg.archived ? 'v0.3.0' : '',
      version_num: commitHash('cifar', cfg.branch, fork ? 'fork' : 'origin', cfg.archived ? 'old' : (cfg.req?.versions?.torch ?? 'cur')),
      entry_point: 'train.py',
      working_dir: cfg.workingDir ?? '.',
      requirements: { pip: requirementsText(cfg.req) },
      diff: buildDiff(cfg.hunks, id),
    },
    container: {
      image: cfg.image,
      arguments: cfg.image === IMG_PT ? '--ipc=host' : `--ipc=host --shm-size=${cfg.numWorkers >= 8 ? '16g' : '8g'} --ulimit memlock=-1`,
      setup_shell_script:
        cfg.image === IMG_2401
          ? ''
          : cfg.image === IMG_2405
            ? '#!/bin/bash\napt-get update -qq && apt-get install -y -qq libgl1 > /dev/null\npip install -q kornia==0.7.2\n'
            : '#!/bin/bash\npip install -q --upgrade pip\n',
    },
    hyperparams: hp,
    configuration: {
      'config.yaml': configItem('config.yaml', yamlConfig(cfg), 'yaml', 'resolved training configuration'),
      'model_config.json': configItem('model_config.json', modelJson(cfg), 'json', 'network definition'),
    },
    runtime: {
      gpu_type: cfg.arch === 'wrn-28-10' || cfg.batch_size >= 256 ? 'NVIDIA A100-SXM4-40GB' : 'NVIDIA A10G',
      gpu_count: 1,
      gpu_driver_version: '535.129.03',
      gpu_driver_cuda_version: '12.2',
      cpu_cores: cfg.numWorkers >= 8 ? 16 : 8,
      memory_gb: cfg.numWorkers >= 8 ? 128 : 64,
      hostname: workerHost,
      python_version: cfg.image === IMG_2405 ? '3.11.8' : '3.10.12',
    },
    execution: { queue: q, framework: 'PyTorch', artifacts },
    models: { input: inputModels, output: outputModels },
    scalars: cifarScalars(id, m, spikes),
    singleValues,
    plots: cifarPlots(id, m, cfg),
    samples: cifarSamples(id, m),
    logs: cifarLogs(id, m, cfg, spikes, worker),
  };
}

export function cifarProject(): DemoProject {
  const ids = CONFIGS.map((c, i) => demoId('task', PROJECT, i, c.name));
  return {
    id: demoId('project', PROJECT),
    name: PROJECT,
    description: 'ResNet / WideResNet on CIFAR-10: learning-rate, optimizer and regularisation sweep of train.py.',
    created: iso(BASE_TIME - DAY),
    tasks: CONFIGS.map((cfg, i) => buildTask(cfg, i, ids)),
  };
}
