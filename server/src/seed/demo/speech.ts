/** Project "Speech commands": keyword spotting runs with audio debug samples and uneven metric sets. */
import { artifact, autoComment, configItem, hyperparams, labelsOf, model, queue, USERS } from './common.js';
import { buildDiff } from './diffs.js';
import { spectrogramPng, toneWav } from './media.js';
import { confusionCounts, confusionMatrixPlot, perClassAccuracy } from './plots.js';
import { BASE_REQUIREMENTS, requirementsText } from './requirements.js';
import { BASE_TIME, DAY, Rng, commitHash, demoId, hash32, iso } from './rng.js';
import type { DemoModelRef, DemoPlot, DemoProject, DemoSample, DemoScalarSeries, DemoTask } from './types.js';

const PROJECT = 'Speech commands';
export const KEYWORDS = ['yes', 'no', 'up', 'down', 'left', 'right', 'on', 'off', 'stop', 'go', '_silence_', '_unknown_'];
const AUDIO_VARIANTS = ['yes', 'no', 'stop'] as const;
const WORD_TONES: Record<string, { f0: number; f1: number; harmonic?: number }> = {
  yes: { f0: 320, f1: 760, harmonic: 2 },
  no: { f0: 640, f1: 260, harmonic: 1.5 },
  stop: { f0: 480, f1: 470, harmonic: 2.5 },
};

type SeriesName = 'loss/train' | 'loss/val' | 'accuracy/val' | 'wer/val' | 'learning_rate/lr' | ':monitor:gpu/gpu_0_utilization';

interface SpeechConfig {
  name: string;
  model: 'cnn-small' | 'crnn' | 'conformer-tiny';
  lr: number;
  batch_size: number;
  optimizer: string;
  epochs: number;
  iterations: number;
  stopAt?: number;
  status: 'completed' | 'published' | 'stopped';
  finalAcc: number;
  series: SeriesName[];
  specaugment?: boolean;
  n_mels: number;
  n_fft?: number;
  user: keyof typeof USERS;
  tags: string[];
  branch: string;
  hunks: string[];
  withModel: boolean;
  withArtifacts: boolean;
  spectrograms: boolean;
  parent?: number;
  /** Index of the task whose output model this one starts from. */
  inputFrom?: number;
}

const CONFIGS: SpeechConfig[] = [
  {
    name: 'kws cnn-small baseline',
    model: 'cnn-small',
    lr: 1e-3,
    batch_size: 256,
    optimizer: 'adam',
    epochs: 20,
    iterations: 800,
    status: 'completed',
    finalAcc: 0.912,
    series: ['loss/train', 'loss/val', 'accuracy/val', 'learning_rate/lr', ':monitor:gpu/gpu_0_utilization'],
    n_mels: 40,
    n_fft: 400,
    user: 'alice',
    tags: ['baseline'],
    branch: 'main',
    hunks: [],
    withModel: true,
    withArtifacts: true,
    spectrograms: false,
  },
  {
    name: 'kws cnn-small specaugment',
    model: 'cnn-small',
    lr: 1e-3,
    batch_size: 256,
    optimizer: 'adam',
    epochs: 20,
    iterations: 800,
    status: 'completed',
    finalAcc: 0.931,
    series: ['loss/train', 'accuracy/val', 'wer/val'],
    specaugment: true,
    n_mels: 40,
    n_fft: 400,
    user: 'priya',
    tags: ['augmentation'],
    branch: 'feature/specaugment',
    hunks: ['kws.specaug', 'kws.train'],
    withModel: true,
    withArtifacts: false,
    spectrograms: true,
    parent: 0,
  },
  {
    name: 'kws crnn',
    model: 'crnn',
    lr: 5e-4,
    batch_size: 128,
    optimizer: 'adamw',
    epochs: 25,
    iterations: 1000,
    status: 'published',
    finalAcc: 0.954,
    series: ['loss/train', 'loss/val', 'wer/val', 'accuracy/val', 'learning_rate/lr'],
    specaugment: true,
    n_mels: 64,
    n_fft: 512,
    user: 'bruno',
    tags: ['best'],
    branch: 'main',
    hunks: ['kws.train'],
    withModel: true,
    withArtifacts: true,
    spectrograms: true,
  },
  {
    name: 'kws conformer-tiny',
    model: 'conformer-tiny',
    lr: 2e-3,
    batch_size: 128,
    optimizer: 'adamw',
    epochs: 20,
    iterations: 800,
    stopAt: 520,
    status: 'stopped',
    finalAcc: 0.94,
    series: ['loss/train', 'wer/val'],
    n_mels: 80,
    user: 'bruno',
    tags: [],
    branch: 'conformer',
    hunks: [],
    withModel: false,
    withArtifacts: false,
    spectrograms: false,
  },
  {
    name: 'kws crnn int8 finetune',
    model: 'crnn',
    lr: 1e-4,
    batch_size: 128,
    optimizer: 'adamw',
    epochs: 10,
    iterations: 600,
    status: 'completed',
    finalAcc: 0.949,
    series: ['loss/train', 'accuracy/val'],
    specaugment: true,
    n_mels: 64,
    n_fft: 512,
    user: 'priya',
    tags: ['quantization'],
    branch: 'main',
    hunks: ['kws.specaug'],
    withModel: true,
    withArtifacts: true,
    spectrograms: false,
    parent: 2,
    inputFrom: 2,
  },
];

function outputModelOf(cfg: SpeechConfig, id: string): DemoModelRef {
  return {
    name: 'Output Model',
    model: model({
      key: `kws-out-${id}`,
      name: `${cfg.name} - final`,
      uri: `s3://acme-ml-models/speech-commands/${cfg.name.replace(/\s+/g, '_')}.${id}/models/kws_${cfg.model}.pt`,
      design:
        cfg.model === 'crnn'
          ? 'CRNN(\n  (conv): Sequential(Conv2d(1, 32, 3), BN, ReLU, Conv2d(32, 64, 3), BN, ReLU, MaxPool2d(2))\n  (gru): GRU(64 * mel/4, 128, num_layers=2, bidirectional=True)\n  (fc): Linear(256, 12)\n)'
          : 'CNNSmall(\n  (features): 4 x [Conv2d(k=3), BatchNorm2d, ReLU, MaxPool2d(2)]\n  (fc): Linear(512, 12)\n)',
      labels: labelsOf(KEYWORDS),
    }),
  };
}

export function speechProject(): DemoProject {
  const ids = CONFIGS.map((c, i) => demoId('task', PROJECT, i, c.name));
  const tasks = CONFIGS.map((cfg, index): DemoTask => {
    const id = ids[index];
    const rng = new Rng(`speech:${index}:${cfg.name}`);
    const createdMs = BASE_TIME + 20 * DAY + index * 4 * DAY + Math.round(rng.range(0, 6) * 3600_000);
    const startedMs = createdMs + Math.round(rng.range(30, 300) * 1000);
    const msPerIter = 1000 * (cfg.model === 'conformer-tiny' ? 3.1 : cfg.model === 'crnn' ? 2.2 : 1.4);
    const last = cfg.stopAt ?? cfg.iterations;
    const n = cfg.iterations;
    const tau = n * (cfg.model === 'conformer-tiny' ? 0.3 : 0.18);
    const acc = (t: number) => 1 / KEYWORDS.length + (cfg.finalAcc - 1 / KEYWORDS.length) * (1 - Math.exp(-t / tau));
    const loss = (t: number) => (2.485 * (1 - acc(t))) / (1 - 1 / KEYWORDS.length) + 0.05;
    const lr = (t: number) => cfg.lr * (t < 50 ? t / 50 : 0.5 * (1 + Math.cos((Math.PI * (t - 50)) / (n - 50))));
    const ts = (t: number) => Math.round(startedMs + t * msPerIter);
    const spikes = new Map<number, number>();
    for (let k = 0; k < 2; k++) spikes.set(rng.int(40, last - 1), 5 + 4 * rng.next());

    const gen: Record<SeriesName, () => Generator<[number, number, number]>> = {
      'loss/train': function* () {
        const r = new Rng(`${id}:loss/train`);
        for (let t = 1; t <= last; t++) yield [t, loss(t) * 0.9 * Math.exp(0.12 * r.normal()) * (spikes.get(t) ?? 1), ts(t)];
      },
      'loss/val': function* () {
        const r = new Rng(`${id}:loss/val`);
        for (let t = 40; t <= last; t += 40) yield [t, loss(t) * (1 + 0.03 * r.normal()), ts(t)];
      },
      'accuracy/val': function* () {
        const r = new Rng(`${id}:accuracy/val`);
        for (let t = 40; t <= last; t += 40) yield [t, Math.min(1, acc(t) + 0.005 * r.normal()), ts(t)];
      },
      'wer/val': function* () {
        const r = new Rng(`${id}:wer/val`);
        for (let t = 40; t <= last; t += 40) yield [t, Math.max(0, (1 - acc(t)) * 1.15 + 0.006 * r.normal()), ts(t)];
      },
      'learning_rate/lr': function* () {
        for (let t = 1; t <= last; t++) yield [t, lr(t), ts(t)];
      },
      ':monitor:gpu/gpu_0_utilization': function* () {
        const r = new Rng(`${id}:gpu`);
        for (let t = 10; t <= last; t += 10) yield [t, Math.min(100, 71 + 6 * r.normal()), ts(t)];
      },
    };
    const scalars: DemoScalarSeries[] = cfg.series.map((s) => {
      const cut = s.lastIndexOf('/');
      return { metric: s.slice(0, cut), variant: s.slice(cut + 1), points: gen[s] };
    });

    const taskShift = (index - 2) * 35; // distinct pitch per task
    const samples: DemoSample[] = [];
    const sampleIters: number[] = [];
    for (let t = 200; t <= last; t += 200) sampleIters.push(t);
    if (sampleIters[sampleIters.length - 1] !== last) sampleIters.push(last);
    for (const it of sampleIters) {
      for (const w of AUDIO_VARIANTS) {
        const tone = WORD_TONES[w];
        const noise = 0.6 * (1 - it / n) + 0.05;
        samples.push({
          metric: 'audio',
          variant: w,
          iter: it,
          path: `demo/${id}/audio/${w}/${String(it).padStart(8, '0')}.wav`,
          timestamp: ts(it) + 3000,
          bytes: () =>
            toneWav({ f0: tone.f0 + taskShift, f1: tone.f1 + taskShift, harmonic: tone.harmonic, noise, seed: hash32(`${id}:${w}:${it}`) }),
        });
        if (cfg.spectrograms && it % 400 === 0) {
          samples.push({
            metric: 'spectrogram',
            variant: w,
            iter: it,
            path: `demo/${id}/spectrogram/${w}/${String(it).padStart(8, '0')}.png`,
            timestamp: ts(it) + 3500,
            bytes: () => spectrogramPng({ f0: tone.f0 + taskShift, f1: tone.f1 + taskShift, seed: hash32(`${id}:spec:${w}:${it}`) }),
          });
        }
      }
    }

    const plots: DemoPlot[] = [];
    if (cfg.series.includes('accuracy/val')) {
      for (const it of [Math.round(n / 2), n].filter((i) => i <= last)) {
        const r = new Rng(`${id}:cm:${it}`);
        const pc = perClassAccuracy(acc(it), KEYWORDS, r);
        plots.push({
          metric: 'Confusion Matrix',
          variant: 'test',
          iter: it,
          timestamp: ts(it) + 5000,
          plot_str: confusionMatrixPlot(`Confusion Matrix - iteration ${it}`, KEYWORDS, confusionCounts(pc, 400, r)),
        });
      }
    }

    const done = cfg.status !== 'stopped';
    const endMs = ts(last) + 30_000;
    const artifacts = cfg.withArtifacts
      ? [
          artifact({
            key: 'dataset',
            type: 'custom',
            mode: 'input',
            uri: 's3://acme-ml-datasets/speech_commands/speech_commands_v0.02.tar.gz',
            size: 2428923189,
            content: 'speech_commands_v0.02',
            timestamp: startedMs,
            preview: 'Google Speech Commands v0.02: 105,829 one-second utterances, 35 words (12-class setup)',
            contentType: 'application/x-tar',
            display: [
              ['version', 'v0.02'],
              ['sample_rate', '16000'],
            ],
          }),
          artifact({
            key: 'label_map',
            type: 'JSON',
            mode: 'output',
            uri: `s3://acme-ml-artifacts/speech-commands/${id}/artifacts/label_map/label_map.json`,
            size: 212,
            content: JSON.stringify(labelsOf(KEYWORDS)),
            timestamp: startedMs + 60_000,
            preview: JSON.stringify(labelsOf(KEYWORDS)),
            contentType: 'application/json',
          }),
          artifact({
            key: 'per_keyword_accuracy',
            type: 'pandas',
            mode: 'output',
            uri: `s3://acme-ml-artifacts/speech-commands/${id}/artifacts/per_keyword_accuracy/per_keyword_accuracy.csv.gz`,
            size: 300 + index * 7,
            content: `${id}:${cfg.finalAcc}`,
            timestamp: endMs - 10_000,
            preview:
              'keyword,accuracy\n' +
              KEYWORDS.slice(0, 5)
                .map((k) => `${k},${(cfg.finalAcc + (rng.next() - 0.5) * 0.05).toFixed(3)}`)
                .join('\n'),
            contentType: 'text/csv',
            display: [['shape', '(12, 2)']],
          }),
        ]
      : [];

    return {
      id,
      name: cfg.name,
      type: 'training',
      status: cfg.status,
      comment: autoComment(createdMs, cfg.user, 'gpu-node-04'),
      tags: cfg.tags,
      system_tags: [],
      user: USERS[cfg.user],
      parent: cfg.parent !== undefined ? ids[cfg.parent] : null,
      created: iso(createdMs),
      started: iso(startedMs),
      completed: done ? iso(endMs) : null,
      status_changed: iso(cfg.status === 'published' ? endMs + 2 * DAY : endMs),
      status_message: cfg.status === 'stopped' ? 'Stopped by user' : '',
      status_reason:
        cfg.status === 'stopped' ? 'stopped by user bokafor' : cfg.status === 'published' ? 'published by user' : 'Training finished',
      last_worker: `gpu-node-04:gpu${index % 2}`,
      active_duration: Math.round((endMs - startedMs) / 1000),
      script: {
        binary: 'python3.10',
        repository: 'https://github.com/acme-ml/keyword-spotting.git',
        branch: cfg.branch,
        tag: cfg.status === 'published' ? 'v1.2.0' : '',
        version_num: commitHash('kws', cfg.branch, index === 4 ? 'later' : 'base'),
        entry_point: 'kws/train.py',
        working_dir: '.',
        requirements: {
          pip: requirementsText(
            {
              add: [
                ['torchaudio', cfg.model === 'conformer-tiny' ? '2.3.0' : '2.2.0'],
                ['librosa', '0.10.1'],
                ['soundfile', '0.12.1'],
                ...(cfg.model === 'crnn' ? [['onnx', '1.15.0'] as [string, string]] : []),
              ],
              versions: cfg.model === 'conformer-tiny' ? { torch: '2.3.0', triton: '2.3.0', torchvision: '0.18.0' } : {},
            },
            BASE_REQUIREMENTS.filter(([nm]) => nm !== 'timm' && nm !== 'albumentations'),
          ),
        },
        diff: buildDiff(cfg.hunks, id),
      },
      container: {
        image: 'nvcr.io/nvidia/pytorch:24.01-py3',
        arguments: '--ipc=host',
        setup_shell_script: 'apt-get update -qq && apt-get install -y -qq libsndfile1 ffmpeg\n',
      },
      hyperparams: hyperparams({
        Args: [
          ['model', cfg.model, 'str', 'network architecture'],
          ['lr', cfg.lr, 'float', 'peak learning rate'],
          ['batch_size', cfg.batch_size, 'int', 'mini-batch size'],
          ['optimizer', cfg.optimizer, 'str', 'adam | adamw'],
          ['epochs', cfg.epochs, 'int', 'number of epochs'],
          ['seed', 1234, 'int', 'random seed'],
          cfg.specaugment !== undefined ? ['specaugment', cfg.specaugment, 'bool', 'frequency/time masking'] : null,
        ],
        Audio: [
          ['sample_rate', 16000, 'int', 'input sample rate (Hz)'],
          ['n_mels', cfg.n_mels, 'int', 'mel bands'],
          cfg.n_fft !== undefined ? ['n_fft', cfg.n_fft, 'int', 'FFT size'] : null,
          ['hop_length', 160, 'int', 'hop between frames (samples)'],
          ['window', 'hann', 'str', 'STFT window'],
        ],
      }),
      configuration: {
        'features.yaml': configItem(
          'features.yaml',
          `frontend:\n  type: log_mel\n  sample_rate: 16000\n  n_mels: ${cfg.n_mels}\n${cfg.n_fft ? `  n_fft: ${cfg.n_fft}\n` : ''}  hop_length: 160\n  normalize: ${cfg.model === 'conformer-tiny' ? 'per_utterance' : 'global'}\naugment:\n  time_shift_ms: 100\n  background_noise: {prob: 0.8, volume: 0.1}\n${cfg.specaugment ? '  specaugment: {freq_mask: 8, time_mask: 20, n_masks: 2}\n' : ''}`,
          'yaml',
          'feature extraction',
        ),
        'label_map.json': configItem(
          'label_map.json',
          JSON.stringify({ labels: KEYWORDS, unknown_ratio: cfg.model === 'crnn' ? 0.1 : 0.15, silence_ratio: 0.1 }, null, 2) + '\n',
          'json',
          'keyword set',
        ),
      },
      runtime: {
        gpu_type: 'NVIDIA A10G',
        gpu_count: 1,
        gpu_driver_version: '535.129.03',
        cpu_cores: 8,
        memory_gb: 64,
        hostname: 'gpu-node-04',
        python_version: '3.10.12',
      },
      execution: { queue: queue('default'), framework: 'PyTorch', artifacts },
      models: {
        input:
          cfg.inputFrom !== undefined
            ? [{ name: 'Input Model', model: outputModelOf(CONFIGS[cfg.inputFrom], ids[cfg.inputFrom]).model }]
            : [],
        output: cfg.withModel ? [outputModelOf(cfg, id)] : [],
      },
      scalars,
      singleValues: done
        ? [
            { metric: 'Summary', variant: 'test_accuracy', value: Math.round((acc(last) - 0.004) * 10000) / 10000 },
            { metric: 'Summary', variant: 'latency_ms', value: cfg.model === 'crnn' ? 3.8 : 1.6 },
          ]
        : [],
      plots,
      samples,
      logs: [
        { iter: 0, level: 'info', msg: `ClearML Task: created new task id=${id}`, timestamp: startedMs },
        { iter: 0, level: 'info', msg: `Loading Speech Commands v0.02 (${cfg.n_mels} mel bands)`, timestamp: startedMs + 2000 },
        ...sampleIters.map((t) => ({
          iter: t,
          level: 'info',
          msg: `[${t}/${n}] loss=${loss(t).toFixed(4)} acc=${acc(t).toFixed(4)}`,
          timestamp: ts(t),
        })),
        ...(cfg.status === 'stopped'
          ? [{ iter: last, level: 'warning', msg: 'User aborted: stopping task (3)', timestamp: endMs - 1000 }]
          : []),
      ],
    };
  });
  return {
    id: demoId('project', PROJECT),
    name: PROJECT,
    description: 'Keyword spotting on Google Speech Commands (12 classes): CNN, CRNN and a small Conformer.',
    created: iso(BASE_TIME + 19 * DAY),
    tasks,
  };
}
