import { ModelInfo, Task, modelRefId } from '../../core/api/models';
import { FieldEntry, FieldValue, SectionInput } from '../side-by-side/comparison-model';
import { parseConfig, treeEntries } from '../side-by-side/config-tree';
import { diffFiles, requirementEntries } from './execution-texts';

export const DETAILS_SECTIONS = [
  { id: 'general', title: 'General' },
  { id: 'execution', title: 'Execution' },
  { id: 'models', title: 'Models' },
  { id: 'artifacts', title: 'Artifacts' },
  { id: 'configuration', title: 'Configuration objects' },
] as const;

const text = (value: unknown): FieldValue => (value === undefined || value === null ? null : String(value));

function field(key: string, label: string, value: unknown, depth = 0): FieldEntry {
  return { key, label, depth, kind: 'value', value: text(value) };
}

function longText(key: string, label: string, value: unknown, depth = 0, lines?: string[]): FieldEntry {
  return { key, label, depth, kind: 'text', value: text(value), ...(lines ? { lines } : {}) };
}

function group(key: string, label: string, depth = 0): FieldEntry {
  return { key, label, depth, kind: 'group', value: '' };
}

/** `3725` seconds as `1h 02m 05s`. */
export function formatDuration(seconds: number | null | undefined): FieldValue {
  if (seconds === null || seconds === undefined) return null;
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}h ${pad(m)}m ${pad(s % 60)}s` : m ? `${m}m ${pad(s % 60)}s` : `${s % 60}s`;
}

function formatTime(value: string | null | undefined): FieldValue {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime())
    ? value
    : date
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');
}

function general(task: Task): FieldEntry[] {
  const runtime = Object.entries(task.runtime ?? {});
  return [
    field('name', 'Name', task.name),
    field('id', 'ID', task.id),
    field('project', 'Project', task.project?.name),
    field('status', 'Status', task.status),
    field('status_message', 'Status message', task.status_message),
    field('status_reason', 'Status reason', task.status_reason),
    field('type', 'Type', task.type),
    field('user', 'User', task.user?.name),
    field('parent', 'Parent', task.parent ? task.parent.name || task.parent.id : null),
    field('tags', 'Tags', task.tags?.length ? [...task.tags].sort().join(', ') : null),
    field('created', 'Created', formatTime(task.created)),
    field('started', 'Started', formatTime(task.started)),
    field('completed', 'Completed', formatTime(task.completed)),
    field('last_update', 'Last update', formatTime(task.last_update)),
    field('run_time', 'Run time', formatDuration(task.active_duration)),
    field('last_iteration', 'Last iteration', task.last_iteration),
    field('worker', 'Worker', task.last_worker),
    field('queue', 'Queue', task.execution?.queue?.name),
    ...(runtime.length ? [group('runtime', 'Runtime properties')] : []),
    ...runtime.map(([key, value]) => field(`runtime.${key}`, key, typeof value === 'object' ? JSON.stringify(value) : value, 1)),
  ];
}

/** Where the long texts go while they are still being fetched: one row saying so. */
const TEXTS_LOADING_LABEL = 'Uncommitted changes, Python packages and setup script: loading…';

function execution(task: Task, textsPending = false): FieldEntry[] {
  const script = task.script;
  const container = task.container;
  const pip = script?.requirements?.pip;
  const diff = script?.diff;
  return [
    group('source', 'Source'),
    field('source.repository', 'Repository', script?.repository, 1),
    field('source.branch', 'Branch', script?.branch, 1),
    field('source.commit', 'Commit', script?.version_num, 1),
    field('source.tag', 'Tag', script?.tag, 1),
    field('source.entry_point', 'Entry point', script?.entry_point, 1),
    field('source.working_dir', 'Working dir', script?.working_dir, 1),
    field('source.binary', 'Binary', script?.binary, 1),
    ...(textsPending ? [group('texts-loading', TEXTS_LOADING_LABEL)] : []),
    ...(diff
      ? [group('diff', 'Uncommitted changes'), ...diffFiles(diff).map((f) => longText(`diff:${f.file}`, f.file, f.text, 1, f.lines))]
      : []),
    ...(pip ? [group('packages', 'Python packages'), ...requirementEntries(pip, 'packages', 1)] : []),
    group('container', 'Container'),
    field('container.image', 'Image', container?.image, 1),
    field('container.arguments', 'Arguments', container?.arguments, 1),
    ...(textsPending ? [] : [longText('container.setup', 'Setup script', container?.setup_shell_script, 1)]),
  ];
}

/** A model's design as text: the SDK stores `{design: text}`; another object is shown as JSON. */
export function designText(design: unknown): string | null {
  if (design === undefined || design === null || design === '') return null;
  if (typeof design === 'string') return design;
  if (typeof design === 'object' && typeof (design as { design?: unknown }).design === 'string')
    return (design as { design: string }).design;
  return JSON.stringify(design, null, 2);
}

/** Known models by id (from `models.get_all_ex`). */
export type ModelsById = Readonly<Record<string, ModelInfo>>;

function models(task: Task, byId: ModelsById): FieldEntry[] {
  return (['input', 'output'] as const).flatMap((mode) => {
    const refs = task.models?.[mode] ?? [];
    return [
      group(mode, mode === 'input' ? 'Input models' : 'Output models'),
      ...refs.flatMap((ref) => {
        const key = `${mode}:${ref.name}`;
        const id = modelRefId(ref);
        const model: ModelInfo | undefined = id ? byId[id] : undefined;
        const labels =
          model?.labels && typeof model.labels === 'object'
            ? Object.entries(model.labels)
                .map(([k, v]) => `${k}: ${v}`)
                .join(', ') || null
            : null;
        return [
          group(key, ref.name, 1),
          field(`${key}.name`, 'Model name', model?.name, 2),
          field(`${key}.id`, 'Model ID', id, 2),
          field(`${key}.framework`, 'Framework', model?.framework, 2),
          field(`${key}.uri`, 'URI', model?.uri, 2),
          field(`${key}.labels`, 'Labels', labels, 2),
          longText(`${key}.design`, 'Design', designText(model?.design), 2),
        ];
      }),
    ];
  });
}

function artifacts(task: Task): FieldEntry[] {
  return (task.execution?.artifacts ?? []).flatMap((a) => {
    const key = `artifact:${a.mode ?? 'output'}:${a.key}`;
    return [
      group(key, a.key),
      field(`${key}.type`, 'Type', a.type, 1),
      field(`${key}.mode`, 'Mode', a.mode, 1),
      field(`${key}.size`, 'Size', a.content_size, 1),
      field(`${key}.hash`, 'Hash', a.hash, 1),
      field(`${key}.uri`, 'URI', a.uri, 1),
      longText(`${key}.preview`, 'Preview', a.type_data?.preview, 1),
    ];
  });
}

/** Each configuration object by name: a tree of keys when every task's value reads as JSON/YAML, text otherwise. */
function configuration(tasks: (Task | null)[], rawConfig: boolean): FieldEntry[][] {
  const names = new Set(tasks.flatMap((t) => Object.keys(t?.configuration ?? {})));
  const asTree = new Map<string, boolean>();
  for (const name of names) {
    const values = tasks.map((t) => t?.configuration?.[name]?.value).filter((v): v is string => v !== undefined && v !== null);
    asTree.set(name, !rawConfig && values.length > 0 && values.every((v) => parseConfig(v) !== null));
  }
  return tasks.map((task) =>
    Object.values(task?.configuration ?? {}).flatMap((item) => {
      const key = `config:${item.name}`;
      const tooltip = [item.type, item.description].filter(Boolean).join(' · ') || undefined;
      const parsed = asTree.get(item.name) ? parseConfig(item.value ?? '') : null;
      if (!parsed) return [{ ...longText(key, item.name, item.value), tooltip }];
      return [{ ...group(key, `${item.name} (${parsed.format})`), tooltip }, ...treeEntries(parsed.tree, key, 1)];
    }),
  );
}

/**
 * The Details cards' sections, one entry list per task (base first); a task not loaded has no
 * fields. While `textsPending` (the long texts are still being fetched) the texts are left out,
 * even those already fetched, and one row in Execution and Configuration says they are loading.
 */
export function detailsSections(
  tasks: (Task | null)[],
  rawConfig: boolean,
  textsPending = false,
  modelsById: ModelsById = {},
): SectionInput[] {
  const per = (fn: (t: Task) => FieldEntry[]) => tasks.map((t) => (t ? fn(t) : []));
  return [
    { ...DETAILS_SECTIONS[0], entries: per(general) },
    { ...DETAILS_SECTIONS[1], entries: per((t) => execution(textsPending ? withoutTexts(t) : t, textsPending)) },
    { ...DETAILS_SECTIONS[2], entries: per((t) => models(t, modelsById)) },
    { ...DETAILS_SECTIONS[3], entries: per(artifacts) },
    {
      ...DETAILS_SECTIONS[4],
      entries: textsPending ? per(() => [group('config-loading', 'Configuration objects: loading…')]) : configuration(tasks, rawConfig),
    },
  ];
}

function withoutTexts(task: Task): Task {
  if (!task.script?.diff && !task.script?.requirements) return task;
  return { ...task, script: { ...task.script, diff: undefined, requirements: undefined } };
}
