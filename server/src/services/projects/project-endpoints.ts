import type { FromSchema } from 'json-schema-to-ts';
import { unknownProject } from '../../api-error';
import type { ProjectRow } from '../../db/projects-repository';
import type { Repositories } from '../../db/repositories';
import { newId, nowIso } from '../../ids';
import { endpoint, idString, object, oneOrMany, stringArray } from '../../http/endpoint';
import { ignoredEndpoint } from '../../http/ignored-endpoint';
import { fieldList, LIMITS, nameString, orderByList, pageNumber } from '../../http/limits';
import { projectListResponse, projectResponse } from './project-response';

export function projectDocument(repos: Repositories, row: ProjectRow, withStats: boolean) {
  const doc: Record<string, unknown> = {
    id: row.id,
    name: row.name,
    basename: row.name.split('/').pop(),
    description: row.description,
    created: row.created,
    last_update: row.last_update,
    tags: JSON.parse(row.tags),
    system_tags: JSON.parse(row.system_tags),
  };
  if (withStats) {
    const counts = repos.projects.taskCounts(row.id);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    doc.stats = { active: { total_tasks: total, status_count: counts } };
  }
  return doc;
}

const query = object({
  id: oneOrMany,
  name: nameString,
  order_by: orderByList,
  page: pageNumber,
  page_size: { type: 'integer', minimum: 1, maximum: 500 },
  only_fields: fieldList,
  include_stats: { type: 'boolean' },
});

type QueryBody = FromSchema<typeof query>;

function listProjects(repos: Repositories, body: QueryBody) {
  const ids = typeof body.id === 'string' ? [body.id] : body.id;
  const rows = repos.projects.query({ ...body, id: ids });
  return { projects: rows.map((row) => projectDocument(repos, row, body.include_stats ?? true)) };
}

/** `projects.*` (schema/services/projects.conf). */
export const projectEndpoints = [
  endpoint({
    name: 'projects.get_all_ex',
    body: query,
    response: projectListResponse,
    serialiseBySchema: false,
    handler: (body, { repos }) => listProjects(repos, body),
  }),
  endpoint({
    name: 'projects.get_all',
    body: query,
    response: projectListResponse,
    serialiseBySchema: false,
    handler: (body, { repos }) => listProjects(repos, body),
  }),
  endpoint({
    name: 'projects.get_by_id',
    body: object({ project: idString }, ['project']),
    response: projectResponse,
    serialiseBySchema: false,
    handler: ({ project }, { repos }) => {
      const row = repos.projects.get(project);
      if (!row) throw unknownProject(project);
      return { project: projectDocument(repos, row, false) };
    },
  }),
  endpoint({
    name: 'projects.create',
    body: object({ name: { type: 'string', minLength: 1, maxLength: LIMITS.nameLength }, description: { type: 'string' } }, ['name']),
    handler: ({ name, description }, { repos }) => {
      const id = newId();
      const now = nowIso();
      repos.projects.insert({ id, name, description: description ?? '', created: now, last_update: now });
      return { id };
    },
  }),
  endpoint({
    name: 'projects.get_task_tags',
    body: object({ projects: stringArray }),
    handler: ({ projects }, { repos }) => repos.projects.taskTags(projects ?? null),
  }),
  endpoint({
    name: 'projects.get_user_names',
    body: object({ projects: stringArray, include_subprojects: { type: 'boolean' }, entity: { type: 'string', enum: ['task', 'model'] } }),
    // Models here carry no user: only tasks have creators to list.
    handler: ({ projects, entity }, { repos }) => ({ users: entity === 'model' ? [] : repos.projects.taskUsers(projects ?? null) }),
  }),
  ignoredEndpoint('projects.update', { updated: 0, fields: {} }, 'project settings are not edited here'),
];
