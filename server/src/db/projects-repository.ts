import type { Db } from './database';
import { InvalidQueryError } from './db-errors';
import { clientPattern } from './name-pattern';
import { statementCache } from './statement-cache';

export interface ProjectRow {
  id: string;
  name: string;
  description: string;
  created: string;
  last_update: string;
  tags: string;
  system_tags: string;
}

export interface ProjectQuery {
  id?: string[];
  name?: string;
  order_by?: string[];
  page?: number;
  page_size?: number;
}

export type ProjectsRepository = ReturnType<typeof createProjectsRepository>;

const SORTABLE: Record<string, string> = {
  name: 'name COLLATE NOCASE',
  created: 'created',
  last_update: 'last_update',
  id: 'id',
};

export function createProjectsRepository(db: Db) {
  const insert = db.prepare(
    'INSERT INTO projects (id, name, description, created, last_update) VALUES (@id, @name, @description, @created, @last_update)',
  );
  const byId = db.prepare('SELECT * FROM projects WHERE id = ?');
  const taskTags = db
    .prepare(
      `SELECT DISTINCT j.value FROM tasks t, json_each(t.tags) j
     WHERE (? IS NULL OR t.project IN (SELECT value FROM json_each(?))) ORDER BY j.value`,
    )
    .pluck();
  const taskSystemTags = db
    .prepare(
      `SELECT DISTINCT j.value FROM tasks t, json_each(t.system_tags) j
     WHERE (? IS NULL OR t.project IN (SELECT value FROM json_each(?))) ORDER BY j.value`,
    )
    .pluck();
  const userNames = db.prepare(
    `SELECT DISTINCT user_id AS id, coalesce(user_name, '') AS name FROM tasks
     WHERE user_id IS NOT NULL AND (? IS NULL OR project IN (SELECT value FROM json_each(?))) ORDER BY name, id`,
  );
  const taskCounts = db.prepare('SELECT status, count(*) AS n FROM tasks WHERE project = ? AND archived = 0 GROUP BY status');
  const queries = statementCache(db);

  return {
    /** Prepared statements kept (bounded; tests check it). */
    get cachedStatements(): number {
      return queries.size;
    },
    insert(project: Omit<ProjectRow, 'tags' | 'system_tags'>): void {
      insert.run(project);
    },
    get(id: string): ProjectRow | null {
      return (byId.get(id) as ProjectRow | undefined) ?? null;
    },
    query(query: ProjectQuery): ProjectRow[] {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.id?.length) {
        where.push('id IN (SELECT value FROM json_each(?))');
        params.push(JSON.stringify(query.id));
      }
      if (query.name) {
        clientPattern('name', query.name);
        where.push('regexp_i(?, name)');
        params.push(query.name);
      }
      const order = (query.order_by ?? []).filter(Boolean).map((raw) => {
        const field = raw.replace(/^-/, '');
        if (!SORTABLE[field]) throw new InvalidQueryError('order_by', `order_by: cannot sort by '${field}'`);
        return `${SORTABLE[field]} ${raw.startsWith('-') ? 'DESC' : 'ASC'}`;
      });
      order.push('name COLLATE NOCASE ASC', 'id ASC');
      let sql = `SELECT * FROM projects ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ${order.join(', ')}`;
      if (query.page !== undefined || query.page_size !== undefined) {
        const size = query.page_size ?? 500;
        sql += ' LIMIT ? OFFSET ?';
        params.push(size, (query.page ?? 0) * size);
      }
      return queries.get(sql).all(...params) as ProjectRow[];
    },
    taskTags(projects: string[] | null): { tags: string[]; system_tags: string[] } {
      const list = projects?.length ? JSON.stringify(projects) : null;
      return {
        tags: taskTags.all(list, list) as string[],
        system_tags: taskSystemTags.all(list, list) as string[],
      };
    },
    /** The users who created tasks in the given projects (all projects when none), sorted by name. */
    taskUsers(projects: string[] | null): { id: string; name: string }[] {
      const list = projects?.length ? JSON.stringify(projects) : null;
      return userNames.all(list, list) as { id: string; name: string }[];
    },
    taskCounts(id: string): Record<string, number> {
      const counts: Record<string, number> = {};
      for (const row of taskCounts.all(id) as { status: string; n: number }[]) counts[row.status] = row.n;
      return counts;
    },
  };
}
