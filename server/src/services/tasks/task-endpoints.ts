import { unknownModel, unknownProject } from '../../api-error';
import { ignoredEndpoint } from '../../http/ignored-endpoint';
import type { Repositories } from '../../db/repositories';
import type { TaskFields } from '../../db/tasks-repository';
import { newId, nowIso } from '../../ids';
import { sdkTaskShape } from './task-shape';
import { notStoredFields } from './task-fields';
import { taskDocuments } from './task-document';
import { configurationSchema, executionSchema, hyperparamsSchema, modelsSchema, scriptSchema } from './task-field-schemas';
import { modelListsOf, objectColumn, objectList } from '../../db/stored-json';
import { endpoint, idString, object, stringArray } from '../../http/endpoint';
import { taskEditEndpoints } from './task-edit-endpoints';
import { requireTask } from './task-ids';
import { iterationNumber, LIMITS } from '../../http/limits';
import { listQuery, listTasks } from './task-list';
import { taskListResponse, taskResponse } from './task-response';

const TASK_TYPES = [
  'training',
  'testing',
  'inference',
  'data_processing',
  'application',
  'monitor',
  'controller',
  'optimizer',
  'service',
  'qc',
  'custom',
] as const;
const editableFields = {
  name: { type: 'string', minLength: 1, maxLength: LIMITS.nameLength },
  project: { type: ['string', 'null'] },
  type: { type: 'string', enum: TASK_TYPES },
  comment: { type: 'string' },
  tags: stringArray,
  system_tags: stringArray,
  parent: { type: ['string', 'null'] },
  script: scriptSchema,
  container: { type: 'object' },
  hyperparams: hyperparamsSchema,
  configuration: configurationSchema,
  runtime: { type: 'object' },
  execution: executionSchema,
  models: modelsSchema,
} as const;

function checkProject(repos: Repositories, project: string | null | undefined) {
  if (project && !repos.projects.get(project)) throw unknownProject(project);
}

function editableOnly(body: Record<string, unknown>): TaskFields {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(editableFields)) if (body[key] !== undefined) fields[key] = body[key];
  return fields as TaskFields;
}

function changeStatus(repos: Repositories, task: string, status: string, body: { status_reason?: string; status_message?: string }) {
  requireTask(repos, task);
  const now = nowIso();
  const [row] = repos.tasks.rows([task], ['started']);
  const fields: TaskFields = {
    status,
    status_changed: now,
    last_update: now,
    last_change: now,
    status_reason: body.status_reason ?? '',
    status_message: body.status_message ?? '',
  };
  if (status === 'in_progress' && !row.started) fields.started = now;
  if (status === 'created') Object.assign(fields, { started: null, completed: null, active_duration: null });
  if (['completed', 'failed', 'stopped', 'published'].includes(status)) {
    fields.completed = now;
    if (row.started) fields.active_duration = Math.round((Date.parse(now) - Date.parse(row.started)) / 1000);
  }
  repos.tasks.update(task, fields);
  return { updated: 1, fields };
}

const statusBody = object(
  {
    task: idString,
    status_reason: { type: 'string' },
    status_message: { type: 'string' },
    force: { type: 'boolean' },
    publish: { type: 'boolean' },
  },
  ['task'],
);

const statusEndpoints = (
  [
    ['tasks.started', 'in_progress'],
    ['tasks.stopped', 'stopped'],
    ['tasks.completed', 'completed'],
    ['tasks.failed', 'failed'],
  ] as const
).map(([name, status]) =>
  endpoint({
    name,
    body: statusBody,
    // `tasks.completed {publish: true}` (Task.publish_on_completion) completes and publishes at once.
    handler: (body, { repos }) =>
      repos.transaction(() => changeStatus(repos, body.task, status === 'completed' && body.publish ? 'published' : status, body)),
  }),
);

/** `tasks.*` (schema/services/tasks.conf). */
export const taskEndpoints = [
  // References expanded to {id} and joined with the fields asked of them (see task-references.ts).
  endpoint({
    name: 'tasks.get_all_ex',
    body: listQuery,
    response: taskListResponse,
    serialiseBySchema: false,
    coalesce: true,
    handler: (body, { repos }) => listTasks(repos, body, 'get_all_ex'),
  }),
  // The SDK's reading of a task: references as plain ids (see sdkTaskShape).
  endpoint({
    name: 'tasks.get_all',
    body: listQuery,
    response: taskListResponse,
    serialiseBySchema: false,
    handler: (body, { repos }) => listTasks(repos, body, 'get_all'),
  }),
  endpoint({
    name: 'tasks.get_by_id',
    body: object({ task: idString }, ['task']),
    response: taskResponse,
    serialiseBySchema: false,
    handler: ({ task }, { repos }) => ({ task: sdkTaskShape(taskDocuments(repos, [requireTask(repos, task)], null)[0]) }),
  }),
  endpoint({
    name: 'tasks.create',
    body: object({ ...editableFields, type: { type: 'string', enum: TASK_TYPES } }, ['name', 'project', 'type']),
    // One write: the row and its parameter index in one transaction (tasks-repository.ts).
    handler: (body, { repos, notices }) => {
      checkProject(repos, body.project);
      notStoredFields(notices, 'tasks.create', body, editableFields);
      const id = newId();
      const now = nowIso();
      repos.tasks.insert(id, {
        ...editableOnly(body),
        status: 'created',
        user: { id: 'local', name: 'local' },
        created: now,
        last_update: now,
        last_change: now,
        status_changed: now,
      });
      return { id };
    },
  }),
  endpoint({
    name: 'tasks.edit',
    body: object({ task: idString, force: { type: 'boolean' }, ...editableFields }, ['task']),
    // One write: the row and its parameter index in one transaction (tasks-repository.ts).
    handler: (body, { repos, notices }) => {
      requireTask(repos, body.task);
      checkProject(repos, body.project);
      notStoredFields(notices, 'tasks.edit', body, editableFields);
      const now = nowIso();
      const fields = { ...editableOnly(body), last_update: now, last_change: now };
      repos.tasks.update(body.task, fields);
      return { updated: 1, fields };
    },
  }),
  ...statusEndpoints,
  endpoint({
    name: 'tasks.set_requirements',
    body: object({ task: idString, requirements: { type: 'object' } }, ['task', 'requirements']),
    handler: ({ task, requirements }, { repos }) =>
      repos.transaction(() => {
        requireTask(repos, task);
        const [row] = repos.tasks.rows([task], ['script']);
        const script = { ...objectColumn(row.script), requirements };
        repos.tasks.update(task, { script, last_change: nowIso() });
        return { updated: 1, fields: { 'script.requirements': requirements } };
      }),
  }),
  endpoint({
    name: 'tasks.ping',
    body: object({ task: idString }, ['task']),
    handler: ({ task }, { repos }) => {
      requireTask(repos, task);
      repos.tasks.update(task, { last_update: nowIso() });
      return {};
    },
  }),
  endpoint({
    name: 'tasks.reset',
    body: object({ task: idString, force: { type: 'boolean' }, clear_all: { type: 'boolean' } }, ['task']),
    handler: ({ task, clear_all }, { repos }) =>
      repos.transaction(() => {
        requireTask(repos, task);
        repos.scalars.deleteTask(task);
        repos.events.deleteTask(task);
        const [row] = repos.tasks.rows([task], ['execution', 'models']);
        const execution = objectColumn(row.execution);
        if (clear_all) execution.artifacts = [];
        else execution.artifacts = objectList(execution.artifacts).filter((a) => a.mode === 'input');
        const models = modelListsOf(objectColumn(row.models));
        repos.tasks.update(task, { execution, models: { input: models.input, output: [] }, last_iteration: 0 });
        const result = changeStatus(repos, task, 'created', {});
        return { ...result, deleted_models: 0, urls: {} };
      }),
  }),
  endpoint({
    name: 'tasks.add_or_update_artifacts',
    body: object(
      {
        task: idString,
        force: { type: 'boolean' },
        artifacts: {
          type: 'array',
          items: object({ key: { type: 'string' }, type: { type: 'string' }, mode: { type: 'string', enum: ['input', 'output'] } }, [
            'key',
            'type',
          ]),
        },
      },
      ['task', 'artifacts'],
    ),
    handler: ({ task, artifacts }, { repos }) =>
      repos.transaction(() => {
        requireTask(repos, task);
        const [row] = repos.tasks.rows([task], ['execution']);
        const execution = objectColumn(row.execution);
        const list = objectList(execution.artifacts) as { key: string; mode?: string }[];
        for (const artifact of artifacts) {
          const item = { mode: 'output', ...artifact };
          const at = list.findIndex((a) => a.key === item.key && (a.mode ?? 'output') === item.mode);
          if (at >= 0) list[at] = item;
          else list.push(item);
        }
        execution.artifacts = list;
        repos.tasks.update(task, { execution, last_change: nowIso() });
        return { updated: artifacts.length };
      }),
  }),
  endpoint({
    name: 'tasks.add_or_update_model',
    body: object(
      {
        task: idString,
        name: { type: 'string' },
        model: idString,
        type: { type: 'string', enum: ['input', 'output'] },
        iteration: iterationNumber,
      },
      ['task', 'name', 'model', 'type'],
    ),
    handler: ({ task, name, model, type }, { repos }) =>
      repos.transaction(() => {
        requireTask(repos, task);
        const found = repos.models.get(model);
        if (!found) throw unknownModel(model);
        const [row] = repos.tasks.rows([task], ['models']);
        const models = modelListsOf(objectColumn(row.models)) as unknown as Record<'input' | 'output', { name: string }[]>;
        const entry = {
          name,
          model: {
            id: found.id,
            name: found.name,
            uri: found.uri,
            framework: found.framework,
            design: found.design,
            labels: JSON.parse(found.labels),
          },
        };
        const list = models[type];
        const at = list.findIndex((m) => m.name === name);
        if (at >= 0) list[at] = entry;
        else list.push(entry);
        repos.tasks.update(task, { models, last_change: nowIso() });
        return { updated: 1 };
      }),
  }),
  ...taskEditEndpoints,
  ignoredEndpoint('tasks.add_or_update_metadata', { updated: 0 }, 'task metadata is not stored'),
];
