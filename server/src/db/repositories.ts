import { openDatabase, type Db } from './database';
import { createEventsRepository } from './events-repository';
import { createModelsRepository } from './models-repository';
import { createPreferencesRepository } from './preferences-repository';
import { createProjectsRepository } from './projects-repository';
import { createScalarsRepository } from './scalars-repository';
import { createTasksRepository } from './tasks-repository';

export type Repositories = ReturnType<typeof createRepositories>;

export function createRepositories(db: Db) {
  return {
    db,
    projects: createProjectsRepository(db),
    tasks: createTasksRepository(db),
    models: createModelsRepository(db),
    scalars: createScalarsRepository(db),
    events: createEventsRepository(db),
    preferences: createPreferencesRepository(db),
    /** Runs `work` in one transaction (nested calls become savepoints). */
    transaction<T>(work: () => T): T {
      return db.transaction(work)();
    },
  };
}

export function openRepositories(path: string): { repos: Repositories; isNew: boolean } {
  const { db, isNew } = openDatabase(path);
  return { repos: createRepositories(db), isNew };
}
