import type { FromSchema } from 'json-schema-to-ts';
import type { Repositories } from '../../db/repositories';
import { nowIso } from '../../ids';
import { endpoint, idString, object, stringArray, taskIdList } from '../../http/endpoint';
import { requireTask, requireTasks } from './task-ids';
import { objectColumn, objectList, sectionsOf, type Sections } from '../../db/stored-json';

/** Characters of a name the SDK sends (the API's name limit). */
const NAME_LENGTH = 1024;

type Json = Record<string, unknown>;

/** A JSON column of a task as an object (`{}` for what an older database may hold in another shape). */
function read(repos: Repositories, task: string, column: 'hyperparams' | 'configuration' | 'execution'): Json {
  const [row] = repos.tasks.rows([task], [column]);
  return objectColumn(row[column]);
}

/** A task's hyperparameter sections, keeping only sections and parameters that are objects. */
function readSections(repos: Repositories, task: string): Sections {
  return sectionsOf(read(repos, task, 'hyperparams'));
}

function touch(repos: Repositories, task: string, fields: Parameters<Repositories['tasks']['update']>[1]) {
  repos.tasks.update(task, { ...fields, last_change: nowIso() });
}

const paramItem = object(
  {
    section: { type: 'string', maxLength: NAME_LENGTH },
    name: { type: 'string', maxLength: NAME_LENGTH },
    value: {},
    type: { type: 'string' },
    description: { type: 'string' },
  },
  ['section'],
);
/** One hyperparameter as `tasks.edit_hyper_params` sends it. */
type ParamItem = FromSchema<typeof paramItem>;

const configItem = object(
  { name: { type: 'string', maxLength: NAME_LENGTH }, value: {}, type: { type: 'string' }, description: { type: 'string' } },
  ['name'],
);

/**
 * Pure: hyperparameter sections after `tasks.edit_hyper_params` (replace: none | section | all).
 * Each section is copied once, however many of its parameters are sent.
 */
export function editHyperParams(current: Sections, items: ParamItem[], replace: string): Sections {
  const next: Sections = replace === 'all' ? {} : { ...current };
  const copied = new Set<string>();
  const section = (name: string) => {
    if (!copied.has(name)) {
      copied.add(name);
      next[name] = replace === 'section' ? {} : { ...(next[name] ?? {}) };
    }
    return next[name];
  };
  if (replace === 'section') for (const item of items) section(item.section);
  for (const item of items) {
    if (!item.name) continue;
    const value = item.value === undefined || item.value === null ? '' : String(item.value);
    section(item.section)[item.name] = { ...item, value };
  }
  return next;
}

/** Pure: sections after `tasks.delete_hyper_params`; an item without a name removes its section. */
export function deleteHyperParams(current: Sections, items: { section: string; name?: string }[]): { sections: Sections; deleted: number } {
  const sections: Sections = { ...current };
  const copied = new Set<string>();
  let deleted = 0;
  for (const { section, name } of items) {
    if (!Object.hasOwn(sections, section)) continue;
    if (!name) {
      deleted += Object.keys(sections[section]).length;
      delete sections[section];
    } else if (Object.hasOwn(sections[section], name)) {
      if (!copied.has(section)) {
        copied.add(section);
        sections[section] = { ...sections[section] };
      }
      delete sections[section][name];
      deleted++;
    }
  }
  return { sections, deleted };
}

const statusChange = (name: string, status: string) =>
  endpoint({
    name,
    body: object({ task: idString, force: { type: 'boolean' }, status_reason: { type: 'string' }, status_message: { type: 'string' } }, [
      'task',
    ]),
    handler: ({ task, status_reason, status_message }, { repos }) =>
      repos.transaction(() => {
        requireTask(repos, task);
        const now = nowIso();
        const fields = {
          status,
          status_changed: now,
          last_update: now,
          last_change: now,
          status_reason: status_reason ?? '',
          status_message: status_message ?? '',
        };
        repos.tasks.update(task, fields);
        return { updated: 1, fields };
      }),
  });

/** Task edits the ClearML SDK makes besides the core ones in task-endpoints.ts. */
export const taskEditEndpoints = [
  endpoint({
    name: 'tasks.delete_artifacts',
    body: object(
      {
        task: idString,
        force: { type: 'boolean' },
        artifacts: { type: 'array', items: object({ key: { type: 'string' }, mode: { type: 'string' } }, ['key']) },
      },
      ['task', 'artifacts'],
    ),
    handler: ({ task, artifacts }, { repos }) =>
      repos.transaction(() => {
        requireTask(repos, task);
        const execution = read(repos, task, 'execution');
        const list = objectList(execution.artifacts) as { key: string; mode?: string }[];
        const gone = (a: { key: string; mode?: string }) =>
          artifacts.some((d) => d.key === a.key && (d.mode ?? 'output') === (a.mode ?? 'output'));
        const kept = list.filter((a) => !gone(a));
        touch(repos, task, { execution: { ...execution, artifacts: kept } });
        return { deleted: list.length - kept.length };
      }),
  }),
  endpoint({
    name: 'tasks.edit_hyper_params',
    body: object(
      {
        task: idString,
        force: { type: 'boolean' },
        hyperparams: { type: 'array', items: paramItem },
        replace_hyperparams: { type: 'string', enum: ['none', 'section', 'all'] },
      },
      ['task', 'hyperparams'],
    ),
    handler: ({ task, hyperparams, replace_hyperparams }, { repos }) =>
      repos.transaction(() => {
        requireTask(repos, task);
        touch(repos, task, { hyperparams: editHyperParams(readSections(repos, task), hyperparams, replace_hyperparams ?? 'none') });
        return { updated: 1 };
      }),
  }),
  endpoint({
    name: 'tasks.delete_hyper_params',
    body: object({ task: idString, force: { type: 'boolean' }, hyperparams: { type: 'array', items: paramItem } }, ['task', 'hyperparams']),
    handler: ({ task, hyperparams }, { repos }) =>
      repos.transaction(() => {
        requireTask(repos, task);
        const { sections, deleted } = deleteHyperParams(readSections(repos, task), hyperparams);
        touch(repos, task, { hyperparams: sections });
        return { deleted };
      }),
  }),
  endpoint({
    name: 'tasks.edit_configuration',
    body: object(
      {
        task: idString,
        force: { type: 'boolean' },
        configuration: { type: 'array', items: configItem },
        replace_configuration: { type: 'boolean' },
      },
      ['task', 'configuration'],
    ),
    handler: ({ task, configuration, replace_configuration }, { repos }) =>
      repos.transaction(() => {
        requireTask(repos, task);
        const next: Json = replace_configuration ? {} : read(repos, task, 'configuration');
        for (const item of configuration)
          next[item.name] = { ...item, value: item.value === undefined || item.value === null ? '' : String(item.value) };
        touch(repos, task, { configuration: next });
        return { updated: 1 };
      }),
  }),
  endpoint({
    name: 'tasks.delete_configuration',
    body: object({ task: idString, force: { type: 'boolean' }, configuration: stringArray }, ['task', 'configuration']),
    handler: ({ task, configuration }, { repos }) =>
      repos.transaction(() => {
        requireTask(repos, task);
        const current = read(repos, task, 'configuration');
        const deleted = configuration.filter((name) => name in current).length;
        for (const name of configuration) delete current[name];
        touch(repos, task, { configuration: current });
        return { deleted };
      }),
  }),
  endpoint({
    name: 'tasks.get_hyper_params',
    body: object({ tasks: taskIdList }, ['tasks']),
    handler: ({ tasks }, { repos }) => ({
      params: requireTasks(repos, tasks).map((task) => ({
        task,
        hyperparams: Object.values(readSections(repos, task)).flatMap((section) => Object.values(section)),
      })),
    }),
  }),
  endpoint({
    name: 'tasks.get_configurations',
    body: object({ tasks: taskIdList, names: stringArray }, ['tasks']),
    handler: ({ tasks, names }, { repos }) => ({
      configurations: requireTasks(repos, tasks).map((task) => ({
        task,
        configuration: Object.entries(read(repos, task, 'configuration'))
          .filter(([name]) => !names?.length || names.includes(name))
          .map(([, item]) => item),
      })),
    }),
  }),
  statusChange('tasks.publish', 'published'),
  statusChange('tasks.close', 'closed'),
  endpoint({
    name: 'tasks.update',
    body: object(
      {
        task: idString,
        force: { type: 'boolean' },
        name: { type: 'string', minLength: 1, maxLength: NAME_LENGTH },
        comment: { type: 'string' },
        tags: stringArray,
        system_tags: stringArray,
      },
      ['task'],
    ),
    handler: ({ task, name, comment, tags, system_tags }, { repos }) =>
      repos.transaction(() => {
        requireTask(repos, task);
        const fields = { name, comment, tags, system_tags };
        touch(repos, task, fields);
        return { updated: 1, fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
      }),
  }),
];
