import { unknownModel, unknownProject } from '../../api-error';
import { clientPattern } from '../../db/name-pattern';
import type { Repositories } from '../../db/repositories';
import { endpoint, idString, object, stringArray } from '../../http/endpoint';
import { ignoredEndpoint } from '../../http/ignored-endpoint';
import { fieldList, LIMITS, nameString } from '../../http/limits';
import { newId, nowIso } from '../../ids';
import { listModels, modelListQuery } from './model-list';
import { requireTask } from '../tasks/task-ids';
import { designText, modelDocument, refreshModelCopies } from './model-document';
import { unkeptFields } from '../../http/notices';
import { modelListResponse, modelResponse } from './model-response';

/** Characters of a name the SDK sends (the API's name limit). */
const NAME_LENGTH = 1024;

function requireModel(repos: Repositories, id: string) {
  const row = repos.models.get(id);
  if (!row) throw unknownModel(id);
  return row;
}

const STORED_MODEL_FIELDS = new Set(['model', 'name', 'uri', 'framework', 'design', 'labels', 'project', 'task']);

const editModelBody = object(
  {
    model: idString,
    name: { type: 'string', minLength: 1, maxLength: NAME_LENGTH },
    uri: { type: 'string' },
    framework: { type: 'string' },
    design: { type: ['string', 'object'] },
    labels: { type: 'object', additionalProperties: { type: 'integer' } },
    project: { type: ['string', 'null'] },
    task: { type: ['string', 'null'] },
  },
  ['model'],
);

/**
 * `models.*` (schema/services/models.conf): what the ClearML SDK calls around `OutputModel` /
 * `InputModel` and weight uploads, and the list ClearML's web app reads.
 */
export const modelEndpoints = [
  endpoint({
    name: 'models.create',
    body: object(
      {
        name: { type: 'string', minLength: 1, maxLength: LIMITS.nameLength },
        uri: { type: 'string' },
        framework: { type: 'string' },
        design: { type: ['string', 'object'] },
        labels: { type: 'object', additionalProperties: { type: 'integer' } },
        project: idString,
        task: idString,
      },
      ['name', 'uri'],
    ),
    handler: (body, { repos }) => {
      if (body.project && !repos.projects.get(body.project)) throw unknownProject(body.project);
      if (body.task) requireTask(repos, body.task);
      const id = newId();
      const design = designText(body.design);
      repos.models.insert({
        id,
        name: body.name,
        uri: body.uri,
        framework: body.framework ?? '',
        design: design as string,
        labels: JSON.stringify(body.labels ?? {}),
        project: body.project ?? null,
        task: body.task ?? null,
        created: nowIso(),
      });
      return { id };
    },
  }),
  endpoint({
    name: 'models.get_all_ex',
    body: modelListQuery,
    response: modelListResponse,
    serialiseBySchema: false,
    handler: (body, { repos }) => listModels(repos, body),
  }),

  endpoint({
    name: 'models.get_by_id',
    body: object({ model: idString }, ['model']),
    response: modelResponse,
    serialiseBySchema: false,
    handler: ({ model }, { repos }) => ({ model: modelDocument(requireModel(repos, model)) }),
  }),
  endpoint({
    name: 'models.get_all',
    body: object({
      id: { anyOf: [stringArray, { type: 'string' }] },
      task: { anyOf: [stringArray, { type: 'string' }] },
      name: nameString,
      only_fields: fieldList,
    }),
    response: modelListResponse,
    serialiseBySchema: false,
    handler: (body, { repos }) => {
      const list = (v: string[] | string | undefined) => (v === undefined ? null : new Set(typeof v === 'string' ? [v] : v));
      const ids = list(body.id);
      const tasks = list(body.task);
      const pattern = body.name ? clientPattern('name', body.name) : null;
      const rows = repos.models
        .list(tasks?.size === 1 ? [...tasks][0] : null)
        .filter((m) => (!ids || ids.has(m.id)) && (!tasks || (m.task !== null && tasks.has(m.task))) && (!pattern || pattern.test(m.name)));
      return { models: rows.slice(0, 500).map(modelDocument) };
    },
  }),
  ...(['models.edit', 'models.update'] as const).map((name) =>
    endpoint({
      name,
      body: editModelBody,
      handler: (body, { repos, notices }) =>
        repos.transaction(() => {
          requireModel(repos, body.model);
          if (body.project && !repos.projects.get(body.project)) throw unknownProject(body.project);
          if (body.task) requireTask(repos, body.task);
          for (const field of unkeptFields(body, STORED_MODEL_FIELDS)) {
            notices.once(`model field ${field}`, `model field '${field}' (sent with ${name}) is accepted and ignored`);
          }
          const fields = {
            name: body.name,
            uri: body.uri,
            framework: body.framework,
            design: body.design === undefined ? undefined : designText(body.design),
            labels: body.labels === undefined ? undefined : JSON.stringify(body.labels),
            project: body.project ?? undefined,
            task: body.task ?? undefined,
          };
          repos.models.update(body.model, fields);
          refreshModelCopies(repos, requireModel(repos, body.model));
          return { updated: 1, fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
        }),
    }),
  ),
  endpoint({
    name: 'models.set_ready',
    body: object({ model: idString, publish_task: { type: 'boolean' }, force_publish_task: { type: 'boolean' } }, ['model']),
    handler: ({ model }, { repos, notices }) => {
      requireModel(repos, model);
      notices.once('models.set_ready', 'model ready/published state (models.set_ready): every model counts as ready');
      return { updated: 1, published_task: null };
    },
  }),
  ignoredEndpoint('models.add_or_update_metadata', { updated: 0 }, 'model metadata is not stored'),
];
