import { openDatabase, type Db, type Durability } from './database';
import { createEventsRepository } from './events-repository';
import { createModelsRepository } from './models-repository';
import { createPreferencesRepository } from './preferences-repository';
import { createProjectsRepository } from './projects-repository';
import { createScalarsRepository } from './scalars-repository';
import { createTasksRepository } from './tasks-repository';

export type Repositories = ReturnType<typeof createRepositories>;

export function createRepositories(db: Db) {
  const changes = db.prepare("SELECT total_changes() || '.' || (SELECT data_version FROM pragma_data_version())").pluck();
  return {
    db,
    projects: createProjectsRepository(db),
    tasks: createTasksRepository(db),
    models: createModelsRepository(db),
    scalars: createScalarsRepository(db),
    events: createEventsRepository(db),
    preferences: createPreferencesRepository(db),
    /** Changes when anything is written, here or by another connection: equal values read the same data. */
    dataVersion(): string {
      return changes.get() as string;
    },
    /**
     * Runs `work` in one transaction (nested calls become savepoints). It begins IMMEDIATE: it takes
     * the write lock first (waiting up to the busy timeout for another process's write), so reading
     * then writing never fails on a snapshot another process made stale.
     */
    transaction<T>(work: () => T): T {
      return db.transaction(work).immediate();
    },
  };
}

export function openRepositories(path: string, durability?: Durability): { repos: Repositories; isNew: boolean } {
  const { db, isNew } = openDatabase(path, durability);
  return { repos: createRepositories(db), isNew };
}
