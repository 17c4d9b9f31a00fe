import type { Db } from './database';
import { FIELD_COLUMNS, JSON_COLUMNS, METRIC_SORT_FIELDS, SCALAR_COLUMNS, SORTABLE_FIELDS, type TaskRow } from './task-record';
import { InvalidFieldValueError, InvalidQueryError, UnknownFieldError } from './db-errors';
import { clientPattern } from './name-pattern';
import { statementCache } from './statement-cache';
import { sectionsOf } from './stored-json';

/** What a caller may set on a task; every field optional except where creating requires it. */
export interface TaskFields {
  project?: string | null;
  name?: string;
  type?: string;
  status?: string;
  comment?: string;
  tags?: string[];
  system_tags?: string[];
  user?: { id: string; name: string } | null;
  parent?: string | null;
  created?: string;
  started?: string | null;
  completed?: string | null;
  last_update?: string;
  last_change?: string;
  status_changed?: string | null;
  active_duration?: number | null;
  status_message?: string;
  status_reason?: string;
  last_iteration?: number;
  last_worker?: string | null;
  script?: object;
  container?: object;
  hyperparams?: object;
  configuration?: object;
  execution?: object;
  models?: object;
  runtime?: object;
}

export interface TaskQuery {
  id?: string[];
  project?: string[];
  status?: string[];
  type?: string[];
  tags?: string[];
  system_tags?: string[];
  name?: string;
  search_text?: string;
  parent?: string[];
  /** `_any_` / `_all_`: a case-insensitive pattern that any / every listed field matches. */
  multi_field?: { all: boolean; pattern: string; fields: string[] }[];
  /** Tasks with the system tag `hidden` are left out unless this is set or ids are given. */
  search_hidden?: boolean;
  order_by?: string[];
  offset?: number;
  limit?: number;
}

/** Text of the task fields clearml-server's text index holds (see text-search.ts). */
const TEXT_INDEX_SQL = [
  't.name',
  't.id',
  't.comment',
  ...['input', 'output'].map(
    (mode) =>
      `(SELECT group_concat(coalesce(json_extract(j.value, '$.model.id'), json_extract(j.value, '$.model')), ' ') FROM json_each(t.models, '$.${mode}') j)`,
  ),
  "json_extract(t.script, '$.repository')",
  "json_extract(t.script, '$.entry_point')",
].join(', ');

/** Plain text columns a pattern (`_any_`, `_all_`) may name, by field. */
const PATTERN_COLUMNS: Record<string, string> = {
  id: 't.id',
  name: 't.name',
  comment: 't.comment',
  status: 't.status',
  type: 't.type',
  project: 't.project',
  user: 't.user_id',
  parent: 't.parent',
  last_worker: 't.last_worker',
  status_message: 't.status_message',
  status_reason: 't.status_reason',
};

/** The SQL condition that one field matches a bound pattern (one `?`). */
function patternCondition(field: string): string {
  if (PATTERN_COLUMNS[field]) return `regexp_i(?, ${PATTERN_COLUMNS[field]})`;
  if (field === 'tags' || field === 'system_tags') return `EXISTS (SELECT 1 FROM json_each(t.${field}) j WHERE regexp_i(?, j.value))`;
  const list = /^models\.(input|output)\.(model|name)$/.exec(field);
  if (list) {
    const value =
      list[2] === 'model'
        ? "coalesce(json_extract(j.value, '$.model.id'), json_extract(j.value, '$.model'))"
        : "json_extract(j.value, '$.name')";
    return `EXISTS (SELECT 1 FROM json_each(t.models, '$.${list[1]}') j WHERE regexp_i(?, ${value}))`;
  }
  const [top, ...rest] = field.split('.');
  if (JSON_COLUMNS.has(top) && rest.length && SUB_PATH.test(field) && top !== 'tags' && top !== 'system_tags') {
    // Keys only (SUB_PATH), so the path is safe inside the SQL text.
    return `regexp_i(?, json_extract(t.${top}, '$.${rest.join('.')}'))`;
  }
  throw new UnknownFieldError(`Cannot resolve field '${field}'`);
}

export type TasksRepository = ReturnType<typeof createTasksRepository>;

const WRITABLE = new Set([
  'project',
  'name',
  'type',
  'status',
  'comment',
  'tags',
  'system_tags',
  'parent',
  'created',
  'started',
  'completed',
  'last_update',
  'last_change',
  'status_changed',
  'active_duration',
  'status_message',
  'status_reason',
  'last_iteration',
  'last_worker',
  ...JSON_COLUMNS,
]);

function toColumns(fields: TaskFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (key === 'user') {
      const user = value as TaskFields['user'];
      out.user_id = user?.id ?? null;
      out.user_name = user?.name ?? null;
    } else if (WRITABLE.has(key)) {
      out[key] = JSON_COLUMNS.has(key) ? JSON.stringify(value) : value;
    }
  }
  if (fields.system_tags) out.archived = fields.system_tags.includes('archived') ? 1 : 0;
  return out;
}

/** Hyperparameter values indexed for numeric sorting (sections and parameters that are not objects hold none). */
function paramRows(hyperparams: unknown) {
  const rows: { section: string; name: string; value: string; num: number | null }[] = [];
  for (const [section, params] of Object.entries(sectionsOf(hyperparams))) {
    for (const [name, param] of Object.entries(params)) {
      const value = param?.value === undefined || param?.value === null ? '' : String(param.value);
      const num = value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : null;
      rows.push({ section, name, value, num });
    }
  }
  return rows;
}

export function createTasksRepository(db: Db) {
  const insertParam = db.prepare('INSERT OR REPLACE INTO task_params (task, section, name, value, num) VALUES (?, ?, ?, ?, ?)');
  const deleteParams = db.prepare('DELETE FROM task_params WHERE task = ?');
  const existsStatement = db.prepare('SELECT 1 FROM tasks WHERE id = ?').pluck();
  const namesStatement = db.prepare('SELECT name FROM tasks WHERE id = ?').pluck();
  const namesOf = db.prepare('SELECT id, name FROM tasks WHERE id IN (SELECT value FROM json_each(?))').raw(true);
  // One statement for a whole list, rather than a lookup per id from JS (100 ids a call).
  const missingOf = db.prepare('SELECT j.value FROM json_each(?) j WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = j.value)').pluck();
  const touchStatement = db.prepare('UPDATE tasks SET last_iteration = max(last_iteration, ?), last_update = ? WHERE id = ?');
  const deleteStatement = db.prepare('DELETE FROM tasks WHERE id = ?');
  // Inserts and updates vary with the fields sent, selects with the fields asked for and the sort.
  const statements = statementCache(db);
  const statement = (sql: string) => statements.get(sql);

  function indexParams(id: string, hyperparams: unknown) {
    deleteParams.run(id);
    for (const p of paramRows(hyperparams)) insertParam.run(id, p.section, p.name, p.value, p.num);
  }

  // The task row and its parameter index are written in one transaction (a savepoint inside a
  // caller's), so they never disagree, even after a crash between the two.
  const insertTask = db.transaction((id: string, fields: TaskFields) => {
    const columns = { id, ...toColumns(fields) };
    const names = Object.keys(columns);
    // Column names come from the fixed WRITABLE list, never from the request.
    const sql = `INSERT INTO tasks (${names.join(', ')}) VALUES (${names.map((n) => '@' + n).join(', ')})`;
    statement(sql).run(columns);
    if (fields.hyperparams) indexParams(id, fields.hyperparams);
  });
  const updateTask = db.transaction((id: string, fields: TaskFields) => {
    const columns = toColumns(fields);
    const names = Object.keys(columns);
    if (names.length === 0) return;
    const sql = `UPDATE tasks SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`;
    statement(sql).run({ ...columns, id });
    if (fields.hyperparams) indexParams(id, fields.hyperparams);
  });
  const deleteTask = db.transaction((id: string) => {
    deleteStatement.run(id);
    deleteParams.run(id);
  });

  return {
    /** Prepared statements kept (bounded; tests check it). */
    get cachedStatements(): number {
      return statements.size;
    },

    insert(id: string, fields: TaskFields): void {
      insertTask.immediate(id, fields);
    },

    update(id: string, fields: TaskFields): void {
      updateTask.immediate(id, fields);
    },

    /** Records the progress of event ingest on a task. */
    touch(id: string, lastIteration: number, now: string): void {
      touchStatement.run(lastIteration, now, id);
    },

    delete(id: string): void {
      deleteTask.immediate(id);
    },

    exists(id: string): boolean {
      return existsStatement.get(id) !== undefined;
    },

    missing(ids: readonly string[]): string[] {
      return missingOf.all(JSON.stringify([...new Set(ids)])) as string[];
    },

    /** Names by id for the given ids that exist, in one query. */
    names(ids: readonly string[]): Map<string, string> {
      return new Map(namesOf.all(JSON.stringify(ids)) as [string, string][]);
    },

    name(id: string): string | null {
      return (namesStatement.get(id) as string | undefined) ?? null;
    },

    /** Rows with only the columns needed for `fields` (top-level names), in no particular order. */
    rows(ids: readonly string[], fields: readonly string[] | null): Partial<TaskRow>[] {
      const columns = fields === null ? null : columnsFor(fields);
      const sql = `SELECT ${columns === null ? '*' : columns.join(', ')} FROM tasks WHERE id IN (SELECT value FROM json_each(?))`;
      return statement(sql).all(JSON.stringify(ids)) as Partial<TaskRow>[];
    },

    /**
     * Like `rows`, but a JSON column asked for only by paths inside it (`script.branch`) is not read
     * whole: each path comes as its own JSON text (SQL NULL where the task has no such key) in
     * `paths`, so asking for a branch does not read a 10,000-line diff into JavaScript.
     */
    projectedRows(ids: readonly string[], fields: readonly string[]): ProjectedRow[] {
      const columns = new Set<string>(['id']);
      const paths: string[] = [];
      for (const field of fields) {
        const [top, ...rest] = field.split('.');
        if (JSON_COLUMNS.has(top) && !LIST_COLUMNS.has(top) && rest.length && SUB_PATH.test(field)) paths.push(field);
        else for (const c of FIELD_COLUMNS[top] ?? []) columns.add(c);
      }
      // Each path read on its own is a result column and a bound variable: past MAX_PATHS, whole
      // columns are read instead (SQLite takes 2,000 columns at most).
      if (new Set(paths).size > MAX_PATHS)
        for (const path of paths) for (const c of FIELD_COLUMNS[path.split('.')[0]] ?? []) columns.add(c);
      const wanted = [...new Set(paths)].filter((path) => !columns.has(path.split('.')[0]));
      const light = (column: string) => `coalesce(l.${column}, t.${column})`;
      const source = (path: string) => {
        const [top, key] = path.split('.');
        return LIGHT_COPY[top] && !LIGHT_COPY[top].includes(key) ? light(top) : `t.${top}`;
      };
      const selects = [
        // A column task_light copies whole is read from there; script and container in full are not.
        ...[...columns].map((c) => (LIGHT_COPY[c]?.length === 0 ? `${light(c)} AS ${c}` : `t.${c}`)),
        ...wanted.map((path, i) => `${source(path)} -> ? AS p${i}`),
      ];
      const sql = `SELECT ${selects.join(', ')} FROM tasks t LEFT JOIN task_light l ON l.id = t.id WHERE t.id IN (SELECT value FROM json_each(?))`;
      const params: unknown[] = [...wanted.map((path) => `$.${path.split('.').slice(1).join('.')}`), JSON.stringify(ids)];
      return (statement(sql).all(params) as Record<string, unknown>[]).map((raw) => {
        const row: ProjectedRow = { row: raw as Partial<TaskRow>, paths: [] };
        wanted.forEach((path, i) => {
          row.paths.push([path, raw[`p${i}`] as string | null]);
          delete raw[`p${i}`];
        });
        return row;
      });
    },

    /** Ids of the tasks matching a query, in its order, `limit` of them from `offset` when given. */
    query(query: TaskQuery): string[] {
      const where: string[] = [];
      const whereParams: unknown[] = [];
      const list = (column: string, values: string[] | undefined) => {
        if (!values?.length) return;
        where.push(`${column} IN (SELECT value FROM json_each(?))`);
        whereParams.push(JSON.stringify(values));
      };
      list('t.id', query.id);
      list('t.project', query.project);
      list('t.status', query.status);
      list('t.type', query.type);
      list('t.parent', query.parent);
      tagFilter(where, whereParams, 't.tags', query.tags);
      const systemTags = query.system_tags?.filter((t) => t !== '-archived' && t !== 'archived');
      if (query.system_tags?.includes('-archived')) where.push('t.archived = 0');
      if (query.system_tags?.includes('archived')) where.push('t.archived = 1');
      tagFilter(where, whereParams, 't.system_tags', systemTags);
      if (query.name) {
        clientPattern('name', query.name);
        where.push('regexp_i(?, t.name)');
        whereParams.push(query.name);
      }
      for (const condition of query.multi_field ?? []) {
        if (!condition.fields.length) continue;
        clientPattern(condition.all ? '_all_.pattern' : '_any_.pattern', condition.pattern);
        const parts = condition.fields.map(patternCondition);
        where.push(`(${parts.join(condition.all ? ' AND ' : ' OR ')})`);
        for (let i = 0; i < parts.length; i++) whereParams.push(condition.pattern);
      }
      if (query.search_text) {
        where.push(`text_match(?, ${TEXT_INDEX_SQL})`);
        whereParams.push(query.search_text);
      }
      if (!query.search_hidden && !query.id?.length) {
        where.push(`NOT EXISTS (SELECT 1 FROM json_each(t.system_tags) j WHERE j.value = 'hidden')`);
      }
      const { orderSql, orderParams } = orderClause(query.order_by, !!query.search_text);
      const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
      let limitSql = '';
      const limitParams: number[] = [];
      if (query.limit !== undefined) {
        limitSql = 'LIMIT ? OFFSET ?';
        limitParams.push(query.limit, query.offset ?? 0);
      }
      const sql = `SELECT t.id FROM tasks t ${whereSql} ${orderSql} ${limitSql}`;
      return statement(sql)
        .pluck()
        .all(...whereParams, ...orderParams, ...limitParams) as string[];
    },

    /** The name each given user id has on its tasks. */
    userNames(ids: readonly string[]): Map<string, string> {
      const sql = 'SELECT user_id, max(user_name) FROM tasks WHERE user_id IN (SELECT value FROM json_each(?)) GROUP BY user_id';
      return new Map(statement(sql).raw(true).all(JSON.stringify(ids)) as [string, string][]);
    },
  };
}

function tagFilter(where: string[], params: unknown[], column: string, tags: string[] | undefined) {
  if (!tags?.length) return;
  const include = tags.filter((t) => !t.startsWith('-'));
  const exclude = tags.filter((t) => t.startsWith('-')).map((t) => t.slice(1));
  if (include.length) {
    where.push(`EXISTS (SELECT 1 FROM json_each(${column}) j WHERE j.value IN (SELECT value FROM json_each(?)))`);
    params.push(JSON.stringify(include));
  }
  if (exclude.length) {
    where.push(`NOT EXISTS (SELECT 1 FROM json_each(${column}) j WHERE j.value IN (SELECT value FROM json_each(?)))`);
    params.push(JSON.stringify(exclude));
  }
}

/** Reference fields of a task: clearml-server keeps ids there, and cannot sort by the referenced names. */
const REFERENCE_FIELDS = new Set(['project', 'user', 'parent', 'company', 'execution.queue']);

/**
 * ORDER BY for `order_by`, as clearml-server sorts (database/model/base.py): on fields of the task
 * document, the first field's empty values last, then by id. A field inside a reference
 * (`project.name`) is not on the document: ascending it fails with MongoDB's lookup error,
 * descending it sorts nothing.
 */
function orderClause(orderBy: string[] | undefined, searchText: boolean): { orderSql: string; orderParams: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  let first = true;
  for (const raw of orderBy ?? []) {
    if (!raw) continue;
    const descending = raw.startsWith('-');
    const field = descending ? raw.slice(1) : raw;
    const direction = descending ? 'DESC' : 'ASC';
    const path = field.split('.');
    let expr: string;
    let exprParams: unknown[] = [];
    if (field === '@text_score' || field === '$text_score') {
      if (!searchText) throw new InvalidFieldValueError('text score cannot be used in order_by when search text is not used');
      continue;
    }
    const reference = [...REFERENCE_FIELDS].find((r) => field.startsWith(`${r}.`));
    if (reference) {
      if (!descending)
        throw new UnknownFieldError(`Cannot resolve subfield or operator ${field.slice(reference.length + 1)} on the field ${reference}`);
      first = false;
      continue;
    }
    if (SORTABLE_FIELDS[field]) {
      expr = SORTABLE_FIELDS[field];
    } else if (path[0] === 'last_metrics' && path.length === 4 && METRIC_SORT_FIELDS[path[3]]) {
      expr = `(SELECT ${METRIC_SORT_FIELDS[path[3]]} FROM scalar_series s WHERE s.task = t.id AND s.metric_hash = ? AND s.variant_hash = ?)`;
      exprParams = [path[1], path[2]];
    } else if (path[0] === 'hyperparams' && path.length === 4 && path[3] === 'value') {
      const lookup = 'FROM task_params p WHERE p.task = t.id AND p.section = ? AND p.name = ?';
      if (first && !descending) {
        parts.push(`((SELECT p.value ${lookup}) IS NULL OR (SELECT p.value ${lookup}) = '') ASC`);
        params.push(path[1], path[2], path[1], path[2]);
      }
      parts.push(`(SELECT p.num ${lookup}) ${direction}`, `(SELECT p.value ${lookup}) ${direction}`);
      params.push(path[1], path[2], path[1], path[2]);
      first = false;
      continue;
    } else {
      throw new InvalidQueryError('order_by', `order_by: cannot sort by '${field}'`);
    }
    if (first && !descending) {
      // Empty values last (clearml-server queries the non-empty ones first).
      const emptyTest = field === 'tags' ? `(${expr} IS NULL OR ${expr} = '[]')` : `(${expr} IS NULL OR ${expr} = '')`;
      parts.push(`${emptyTest} ASC`);
      params.push(...exprParams, ...exprParams);
    }
    parts.push(`${expr} ${direction}`);
    params.push(...exprParams);
    first = false;
  }
  if (parts.length === 0 && !(orderBy ?? []).some(Boolean)) parts.push('t.created DESC');
  parts.push('t.id ASC');
  return { orderSql: `ORDER BY ${parts.join(', ')}`, orderParams: params };
}

/** A row of `projectedRows`: its columns, and the JSON text of each path read inside a JSON column. */
export interface ProjectedRow {
  row: Partial<TaskRow>;
  paths: [path: string, json: string | null][];
}

/** The columns `task_light` (migration 3) copies, with the keys its copy leaves out. */
const LIGHT_COPY: Record<string, readonly string[]> = {
  script: ['diff', 'requirements'],
  container: ['setup_shell_script'],
  hyperparams: [],
  execution: [],
  models: [],
  runtime: [],
};

/** JSON columns holding lists (`models.input`, `execution.artifacts`): a path through them is read whole. */
const LIST_COLUMNS = new Set(['models', 'execution']);
/** Paths read one by one inside JSON columns in one query at most. */
const MAX_PATHS = 64;

/** Paths read inside JSON columns: plain keys only, so they go into SQL as bound JSON paths. */
const SUB_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

function columnsFor(fields: readonly string[]): string[] {
  const columns = new Set<string>(['id']);
  for (const field of fields) {
    const top = field.split('.')[0];
    for (const c of FIELD_COLUMNS[top] ?? []) columns.add(c);
  }
  return [...columns];
}

export { SCALAR_COLUMNS };
