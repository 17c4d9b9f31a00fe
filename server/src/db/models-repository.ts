import type { Db } from './database';
import { statementCache } from './statement-cache';

export interface ModelRow {
  id: string;
  name: string;
  uri: string;
  framework: string;
  design: string;
  labels: string;
  project: string | null;
  task: string | null;
  created: string;
}

const MODEL_COLUMNS = new Set(['name', 'uri', 'framework', 'design', 'labels', 'project', 'task']);

export type ModelsRepository = ReturnType<typeof createModelsRepository>;

export function createModelsRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO models (id, name, uri, framework, design, labels, project, task, created)
    VALUES (@id, @name, @uri, @framework, @design, @labels, @project, @task, @created)`);
  const byId = db.prepare('SELECT * FROM models WHERE id = ?');
  const byTask = db.prepare('SELECT * FROM models WHERE task = ? ORDER BY created DESC, id');
  const all = db.prepare('SELECT * FROM models ORDER BY created DESC, id');
  const updates = statementCache(db);
  return {
    insert(model: ModelRow): void {
      insert.run(model);
    },
    get(id: string): ModelRow | null {
      return (byId.get(id) as ModelRow | undefined) ?? null;
    },
    /** Models of a task, or all models; newest first. */
    list(task: string | null): ModelRow[] {
      return (task === null ? all.all() : byTask.all(task)) as ModelRow[];
    },
    /** Sets the given stored columns of a model. */
    update(id: string, fields: Partial<Omit<ModelRow, 'id' | 'created'>>): void {
      const names = (Object.keys(fields) as (keyof typeof fields)[]).filter((n) => fields[n] !== undefined && MODEL_COLUMNS.has(n));
      if (!names.length) return;
      // Column names come from the fixed MODEL_COLUMNS list, never from the request.
      const sql = `UPDATE models SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`;
      updates.get(sql).run({ ...Object.fromEntries(names.map((n) => [n, fields[n]])), id });
    },
  };
}
