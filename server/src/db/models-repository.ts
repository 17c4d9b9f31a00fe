import type { Db } from './database';

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

export type ModelsRepository = ReturnType<typeof createModelsRepository>;

export function createModelsRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO models (id, name, uri, framework, design, labels, project, task, created)
    VALUES (@id, @name, @uri, @framework, @design, @labels, @project, @task, @created)`);
  const byId = db.prepare('SELECT * FROM models WHERE id = ?');
  return {
    insert(model: ModelRow): void {
      insert.run(model);
    },
    get(id: string): ModelRow | null {
      return (byId.get(id) as ModelRow | undefined) ?? null;
    },
  };
}
