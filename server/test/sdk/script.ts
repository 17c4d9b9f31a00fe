import type { SdkClient } from './client';

/** What a small training script does through the SDK (argparse, connect, report_*, artifacts, a model). */
export interface ScriptSpec {
  project: string;
  name: string;
  /** argparse defaults (section Args). */
  args: Record<string, string | number | boolean>;
  /** `task.connect(dict)` (section General). */
  general?: Record<string, string | number>;
  /** `task.connect_configuration(text, name)`. */
  configuration?: { name: string; text: string };
  iterations: number;
  /** loss and accuracy at an iteration (report_scalar). */
  scalars(iteration: number): Record<string, number>;
  /** PNG bytes reported with report_image at iterations 0..n-1. */
  images?: Buffer[];
  /** report_single_value('test_accuracy', ...). */
  singleValue?: number;
  /** upload_artifact('predictions', ...) with these CSV bytes. */
  artifactCsv?: Buffer;
  /** OutputModel(...).update_weights(...) with these bytes. */
  modelBytes?: Buffer;
}

export interface ScriptRun {
  task: string;
  project: string;
  reused: boolean;
  imageUrls: string[];
}

/** The storage folder the SDK names after project and task (`<project>/<task name>.<id>`). */
export function storageFolder(project: string, name: string, task: string): string {
  return `${project}/${name}.${task}`;
}

const comment = () => `Auto-generated at ${new Date().toISOString().replace('T', ' ').slice(0, 19)} UTC by trainer@host`;

function params(section: string, values: Record<string, unknown>) {
  const typeOf = (v: unknown) =>
    typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v === 'boolean' ? 'bool' : 'str';
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, { section, name, value: String(value), type: typeOf(value), description: '' }]),
  );
}

type TaskDoc = {
  id: string;
  name: string;
  project: string;
  type: string;
  status: string;
  system_tags?: string[];
  execution?: { artifacts?: unknown[] };
  models?: { output?: unknown[] };
};

/** Task.init's test before it reuses the last task of the same script (clearml/task.py). */
export function reusable(task: TaskDoc): boolean {
  const tags = task.system_tags ?? [];
  return (
    !['published', 'closed'].includes(task.status) &&
    !task.models?.output?.length &&
    tags.includes('development') &&
    !tags.includes('archived') &&
    !task.execution?.artifacts?.length
  );
}

async function reuseLastTask(client: SdkClient, spec: ScriptSpec, last: string): Promise<string | null> {
  const found = (await client.call('tasks.get_all', { id: [last], only_fields: ['id', 'name', 'project', 'type'] })).tasks as TaskDoc[];
  if (!found.length || found[0].name !== spec.name || found[0].type !== 'training') return null;
  const project = (await client.call('projects.get_by_id', { project: found[0].project })).project as { name: string };
  if (project.name !== spec.project) return null;
  const task = (await client.call('tasks.get_by_id', { task: last })).task as TaskDoc;
  if (!reusable(task)) return null;
  await client.call('tasks.reset', { task: last, force: false });
  // _clear_task: the heavy fields go back to empty.
  await client.call('tasks.edit', {
    task: last,
    force: true,
    system_tags: ['development'],
    comment: comment(),
    script: {
      binary: '',
      repository: '',
      tag: '',
      branch: '',
      version_num: '',
      entry_point: '',
      working_dir: '',
      requirements: {},
      diff: '',
    },
    execution: { artifacts: [], dataviews: [], model: '', model_desc: {}, model_labels: {}, parameters: {}, docker_cmd: '' },
    output_dest: '',
    hyperparams: {},
    configuration: {},
    container: {},
    models: { input: [], output: [] },
  });
  return last;
}

/** `exact_match_regex`: Python's `re.escape` (3.7+) between `^` and `$`. */
export function exactMatchRegex(name: string): string {
  return `^${name.replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, '\\$&')}$`;
}

async function projectId(client: SdkClient, name: string): Promise<string> {
  const regex = exactMatchRegex(name);
  const found = (await client.call('projects.get_all', { name: regex, only_fields: ['id'], search_hidden: true, shallow_search: false }))
    .projects as { id: string }[];
  if (found.length) return found[0].id;
  return String((await client.call('projects.create', { name, description: '', system_tags: [] })).id);
}

/** Replays `python train.py`: Task.init, reporting, task.close(). `lastTask` replays a re-run. */
export async function runScript(client: SdkClient, spec: ScriptSpec, lastTask?: string): Promise<ScriptRun> {
  await client.login();
  let task = lastTask ? await reuseLastTask(client, spec, lastTask) : null;
  const reused = task !== null;
  const project = await projectId(client, spec.project);
  if (!task) {
    task = String(
      (await client.call('tasks.create', { name: spec.name, type: 'training', comment: comment(), project, system_tags: ['development'] }))
        .id,
    );
    await client.call('tasks.get_by_id', { task });
  }
  await client.call('tasks.started', { task, force: false });
  await client.call('tasks.get_by_id', { task });
  const projectName = ((await client.call('projects.get_by_id', { project })).project as { name: string }).name;
  const worker = client.worker;
  await client.addBatch([
    {
      type: 'log',
      task,
      timestamp: Date.now(),
      level: 'info',
      worker,
      msg: `ClearML Task: ${reused ? 'overwriting (reusing)' : 'created new'} task id=${task}`,
    },
  ]);
  // repository detection, then requirements
  await client.call('tasks.edit', {
    task,
    force: true,
    script: {
      repository: '',
      branch: '',
      version_num: '',
      entry_point: 'train.py',
      working_dir: '.',
      binary: 'python3',
      diff: '',
      requirements: {},
    },
  });
  await client.call('tasks.set_requirements', {
    task,
    requirements: { pip: '# Python 3.11.7\nclearml==1.17.1\nnumpy==1.26.4\n', conda: '' },
  });
  await client.call('tasks.edit', { task, force: true, runtime: { ide: 'python' } });
  // argparse, then task.connect(dict): every parameter write sends all sections
  const hyperparams: Record<string, unknown> = { Args: params('Args', spec.args) };
  await client.call('tasks.get_by_id', { task });
  await client.call('tasks.edit', { task, force: true, hyperparams });
  if (spec.general) {
    hyperparams.General = params('General', spec.general);
    await client.call('tasks.edit', { task, force: true, hyperparams });
  }
  if (spec.configuration) {
    const { name, text } = spec.configuration;
    await client.call('tasks.edit', { task, force: true, configuration: { [name]: { name, value: text, type: 'yaml' } } });
  }
  const status = (await client.call('tasks.get_all', { id: [task], only_fields: ['status', 'status_message'] })).tasks as TaskDoc[];
  if (status[0]?.status !== 'in_progress') throw new Error(`status poll: ${status[0]?.status}, the SDK would stop the script`);

  const folder = storageFolder(projectName, spec.name, task);
  const events: object[] = [];
  const extra = { worker, model_event: false, allow_locked: true };
  for (let iter = 0; iter < spec.iterations; iter++) {
    for (const [variant, value] of Object.entries(spec.scalars(iter))) {
      events.push({
        type: 'training_stats_scalar',
        task,
        timestamp: Date.now(),
        metric: variant === 'accuracy' ? 'accuracy' : 'loss',
        variant,
        iter,
        value,
        ...extra,
      });
    }
  }
  events.push({
    type: 'plot',
    task,
    timestamp: Date.now(),
    iter: spec.iterations - 1,
    metric: 'confusion',
    variant: 'test',
    plot_str: JSON.stringify({
      data: [
        {
          type: 'heatmap',
          z: [
            [5, 1],
            [2, 7],
          ],
        },
      ],
      layout: { title: 'confusion' },
    }),
    ...extra,
  });
  events.push({ type: 'log', task, timestamp: Date.now(), level: 'info', worker, msg: 'training done' });
  if (spec.singleValue !== undefined) {
    events.push({
      type: 'training_stats_scalar',
      task,
      timestamp: Date.now(),
      metric: 'Summary',
      variant: 'test_accuracy',
      iter: -2147483648,
      value: spec.singleValue,
      ...extra,
    });
  }
  const imageUrls: string[] = [];
  for (const [iter, png] of (spec.images ?? []).entries()) {
    const key = `${folder}/metrics/samples/input/samples_input_${String(iter).padStart(8, '0')}.png`;
    const url = await client.upload(`/${key}`, png, 'image/png');
    imageUrls.push(url);
    events.push({
      type: 'training_debug_image',
      task,
      timestamp: Date.now(),
      iter,
      metric: 'samples',
      variant: 'input',
      key,
      url,
      ...extra,
    });
  }
  await client.addBatch(events);
  await client.call('tasks.ping', { task });
  if (spec.artifactCsv) {
    const key = `${folder}/artifacts/predictions/predictions.csv`;
    const uri = await client.upload(`/${key}`, spec.artifactCsv, 'text/csv');
    await client.call('tasks.add_or_update_artifacts', {
      task,
      force: true,
      artifacts: [
        {
          key: 'predictions',
          type: 'pandas',
          mode: 'output',
          uri,
          hash: 'f1d2d2f9',
          content_size: spec.artifactCsv.length,
          timestamp: Math.floor(Date.now() / 1000),
          type_data: { preview: spec.artifactCsv.toString('utf8').slice(0, 60), content_type: 'text/csv', data_hash: 'f1d2d2f9' },
          display_data: [['rows', '2']],
        },
      ],
    });
  }
  if (spec.modelBytes) {
    const model = String(
      (
        await client.call('models.create', {
          uri: 'file://',
          name: `${spec.name} - best`,
          labels: {},
          comment: 'Created by task id: ' + task,
          framework: 'PyTorch',
          project,
          task,
          tags: [],
        })
      ).id,
    );
    const uri = await client.upload(`/${folder}/models/model_best.pt`, spec.modelBytes);
    await client.call('models.edit', {
      model,
      uri,
      name: `${spec.name} - best`,
      framework: 'PyTorch',
      design: { design: 'Linear(16, 2)' },
      labels: { cat: 0, dog: 1 },
      task,
      project,
      iteration: spec.iterations - 1,
    });
    await client.call('models.get_by_id', { model });
    await client.call('tasks.add_or_update_model', { task, name: 'best', model, type: 'output', iteration: spec.iterations - 1 });
  }
  // task.close(): flush, reload, then mark completed
  await client.call('tasks.get_by_id', { task });
  await client.call('tasks.completed', { task, force: false, status_reason: 'completed', publish: false });
  return { task, project, reused, imageUrls };
}
