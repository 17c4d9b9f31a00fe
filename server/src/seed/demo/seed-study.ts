/**
 * Project "Seed study": four configurations of one training script, each run with seeds 1 to 5.
 * Their final validation values are fixed (below), so the compare page's group means, spreads and
 * tests can be checked against them: "label smoothing" is truly better than the base, "no warmup"
 * only looks better on its best seed (its spread is large), "8 workers" is the same as the base.
 */
import { autoComment, configItem, hyperparams, queue, USERS } from './common.js';
import { requirementsText } from './requirements.js';
import { BASE_TIME, DAY, Rng, commitHash, demoId, iso } from './rng.js';
import type { DemoProject, DemoScalarSeries, DemoTask } from './types.js';

const PROJECT = 'Seed study';
const ITERATIONS = 2000;
const EVERY = 100;

interface StudyArgs {
  label_smoothing: number;
  warmup_steps: number;
  num_workers: number;
}

interface StudyConfig extends StudyArgs {
  name: string;
  /** Final accuracy/val and loss/val of seeds 1..5. */
  accuracy: number[];
  loss: number[];
}

const BASE_ARGS: StudyArgs = { label_smoothing: 0, warmup_steps: 500, num_workers: 4 };

/**
 * The configurations, the base first: each one's name, what it changes from the base, and the final
 * accuracy/val and loss/val of seeds 1..5.
 */
export const SEED_STUDY_CONFIGS: readonly StudyConfig[] = (
  [
    ['base', {}, [0.912, 0.915, 0.909, 0.913, 0.911], [0.301, 0.294, 0.306, 0.298, 0.303]],
    ['label smoothing', { label_smoothing: 0.1 }, [0.928, 0.931, 0.925, 0.93, 0.927], [0.262, 0.255, 0.268, 0.258, 0.264]],
    ['no warmup', { warmup_steps: 0 }, [0.896, 0.936, 0.902, 0.92, 0.898], [0.335, 0.248, 0.322, 0.281, 0.33]],
    ['8 workers', { num_workers: 8 }, [0.91, 0.914, 0.912, 0.908, 0.915], [0.304, 0.296, 0.3, 0.307, 0.297]],
  ] satisfies [string, Partial<StudyArgs>, number[], number[]][]
).map(([name, changes, accuracy, loss]) => ({ name, ...BASE_ARGS, ...changes, accuracy, loss }));

export const SEEDS = [1, 2, 3, 4, 5];

/** A task's name: `seed study <configuration> seed=<n>`. */
export function seedStudyTaskName(config: string, seed: number): string {
  return `seed study ${config} seed=${seed}`;
}

/** A curve from `start` to exactly `final` at the last iteration, with a little run-specific noise on the way. */
function curve(key: string, start: number, final: number, startMs: number): DemoScalarSeries['points'] {
  return function* () {
    const rng = new Rng(key);
    for (let iter = 0; iter <= ITERATIONS; iter += EVERY) {
      const progress = 1 - Math.exp(-iter / 400);
      const value = iter === ITERATIONS ? final : start + (final - start) * progress + rng.normal() * 0.004 * (1 - iter / ITERATIONS);
      yield [iter, value, startMs + iter * 900];
    }
  };
}

export function seedStudyProject(): DemoProject {
  // Before the other projects: the oldest tasks, last in a table sorted by last update.
  const created = BASE_TIME - 10 * DAY;
  const tasks: DemoTask[] = SEED_STUDY_CONFIGS.flatMap((config, c) =>
    SEEDS.map((seed, s): DemoTask => {
      const name = seedStudyTaskName(config.name, seed);
      const id = demoId('task', PROJECT, name);
      const createdMs = created + (c * SEEDS.length + s) * 3_600_000;
      const startedMs = createdMs + 60_000;
      const endMs = startedMs + ITERATIONS * 900 + 30_000;
      const accuracy = config.accuracy[s];
      const loss = config.loss[s];
      return {
        id,
        name,
        type: 'training',
        status: 'completed',
        comment: autoComment(createdMs, USERS.priya.name, 'gpu-node-07'),
        tags: ['seeds', config.name],
        system_tags: [],
        user: USERS.priya,
        parent: null,
        created: iso(createdMs),
        started: iso(startedMs),
        completed: iso(endMs),
        status_changed: iso(endMs),
        status_message: '',
        status_reason: 'Training finished',
        last_worker: 'gpu-node-07:gpu0',
        active_duration: Math.round((endMs - startedMs) / 1000),
        script: {
          binary: 'python3.10',
          repository: 'https://github.com/acme-ml/fashion-resnet.git',
          branch: 'main',
          tag: '',
          version_num: commitHash('seed-study', 'main'),
          entry_point: 'train.py',
          working_dir: '.',
          requirements: { pip: requirementsText() },
          diff: '',
        },
        container: { image: 'nvcr.io/nvidia/pytorch:24.05-py3', arguments: '--ipc=host', setup_shell_script: '' },
        hyperparams: hyperparams({
          Args: [
            ['lr', 0.1, 'float', 'peak learning rate'],
            ['label_smoothing', config.label_smoothing, 'float', 'cross-entropy label smoothing'],
            ['warmup_steps', config.warmup_steps, 'int', 'linear warmup steps'],
            ['num_workers', config.num_workers, 'int', 'data loader workers'],
            ['seed', seed, 'int', 'random seed'],
            ['data_seed', 100 + seed, 'int', 'shuffling seed'],
          ],
          General: [
            ['dataset', 'fashion-mnist', 'str', 'dataset name'],
            ['model', 'resnet20', 'str', 'network architecture'],
          ],
        }),
        configuration: {
          'config.yaml': configItem(
            'config.yaml',
            `optim:\n  lr: 0.1\n  warmup_steps: ${config.warmup_steps}\nloss:\n  label_smoothing: ${config.label_smoothing}\ndata:\n  num_workers: ${config.num_workers}\n  seed: ${100 + seed}\nseed: ${seed}\n`,
            'yaml',
            'training configuration',
          ),
        },
        runtime: { gpu_type: 'NVIDIA A10G', gpu_count: 1, hostname: 'gpu-node-07', python_version: '3.10.12' },
        execution: { queue: queue('default'), framework: 'PyTorch', artifacts: [] },
        models: { input: [], output: [] },
        scalars: [
          { metric: 'accuracy', variant: 'val', points: curve(`${id}:acc`, 0.1, accuracy, startedMs) },
          { metric: 'loss', variant: 'val', points: curve(`${id}:loss`, 2.3, loss, startedMs) },
        ],
        singleValues: [{ metric: 'Summary', variant: 'test_accuracy', value: accuracy }],
        plots: [],
        samples: [],
        logs: [{ iter: 0, level: 'info', msg: `ClearML Task: created new task id=${id}`, timestamp: startedMs }],
      };
    }),
  );
  return {
    id: demoId('project', PROJECT),
    name: PROJECT,
    description: 'Four configurations, five seeds each: which difference is real?',
    created: iso(created),
    tasks,
  };
}
