/**
 * Schema migrations, applied in order. A migration is never edited once released: new columns,
 * tables and indexes come as new entries, so every older database file can be upgraded.
 */
export const migrations: readonly string[] = [
  // 1: projects, tasks, models, scalar series with rollups, plots, debug samples, logs
  `
  CREATE TABLE projects (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    last_update TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '[]',
    system_tags TEXT NOT NULL DEFAULT '[]'
  );
  CREATE INDEX projects_by_name ON projects(name);

  CREATE TABLE tasks (
    id TEXT PRIMARY KEY,
    project TEXT,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    system_tags TEXT NOT NULL DEFAULT '[]',
    archived INTEGER NOT NULL DEFAULT 0,
    user_id TEXT,
    user_name TEXT,
    parent TEXT,
    created TEXT NOT NULL,
    started TEXT,
    completed TEXT,
    last_update TEXT NOT NULL,
    last_change TEXT NOT NULL,
    status_changed TEXT,
    active_duration REAL,
    status_message TEXT NOT NULL DEFAULT '',
    status_reason TEXT NOT NULL DEFAULT '',
    last_iteration INTEGER NOT NULL DEFAULT 0,
    last_worker TEXT,
    script TEXT NOT NULL DEFAULT '{}',
    container TEXT NOT NULL DEFAULT '{}',
    hyperparams TEXT NOT NULL DEFAULT '{}',
    configuration TEXT NOT NULL DEFAULT '{}',
    execution TEXT NOT NULL DEFAULT '{}',
    models TEXT NOT NULL DEFAULT '{"input":[],"output":[]}',
    runtime TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX tasks_by_project ON tasks(project, archived);
  CREATE INDEX tasks_by_status ON tasks(status);
  CREATE INDEX tasks_by_type ON tasks(type);
  CREATE INDEX tasks_by_created ON tasks(created);
  CREATE INDEX tasks_by_last_update ON tasks(last_update);
  CREATE INDEX tasks_by_name ON tasks(name COLLATE NOCASE);

  CREATE TABLE task_params (
    task TEXT NOT NULL,
    section TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    num REAL,
    PRIMARY KEY (task, section, name)
  ) WITHOUT ROWID;
  CREATE INDEX task_params_by_name ON task_params(section, name, num);

  CREATE TABLE models (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    uri TEXT NOT NULL DEFAULT '',
    framework TEXT NOT NULL DEFAULT '',
    design TEXT NOT NULL DEFAULT '',
    labels TEXT NOT NULL DEFAULT '{}',
    project TEXT,
    task TEXT,
    created TEXT NOT NULL
  );

  CREATE TABLE scalar_series (
    id INTEGER PRIMARY KEY,
    task TEXT NOT NULL,
    metric TEXT NOT NULL,
    variant TEXT NOT NULL,
    metric_hash TEXT NOT NULL,
    variant_hash TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 0,
    sum REAL NOT NULL DEFAULT 0,
    value REAL,
    first_value REAL,
    first_iter INTEGER,
    last_iter INTEGER,
    min_value REAL,
    min_iter INTEGER,
    max_value REAL,
    max_iter INTEGER,
    first_ts INTEGER,
    last_ts INTEGER,
    x_axis_label TEXT,
    UNIQUE (task, metric, variant)
  );
  CREATE INDEX scalar_series_by_hash ON scalar_series(task, metric_hash, variant_hash);

  CREATE TABLE scalars (
    series INTEGER NOT NULL,
    iter INTEGER NOT NULL,
    value REAL NOT NULL,
    ts INTEGER NOT NULL,
    PRIMARY KEY (series, iter)
  ) WITHOUT ROWID;

  CREATE TABLE scalar_rollups (
    series INTEGER NOT NULL,
    level INTEGER NOT NULL,
    chunk INTEGER NOT NULL,
    buckets BLOB NOT NULL,
    PRIMARY KEY (series, level, chunk)
  ) WITHOUT ROWID;

  CREATE TABLE single_values (
    task TEXT NOT NULL,
    metric TEXT NOT NULL,
    variant TEXT NOT NULL,
    value REAL NOT NULL,
    ts INTEGER NOT NULL,
    PRIMARY KEY (task, metric, variant)
  ) WITHOUT ROWID;

  CREATE TABLE plots (
    task TEXT NOT NULL,
    metric TEXT NOT NULL,
    variant TEXT NOT NULL,
    iter INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    plot_str TEXT NOT NULL,
    PRIMARY KEY (task, metric, variant, iter)
  ) WITHOUT ROWID;

  CREATE TABLE debug_samples (
    task TEXT NOT NULL,
    metric TEXT NOT NULL,
    variant TEXT NOT NULL,
    iter INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    url TEXT NOT NULL,
    key TEXT,
    PRIMARY KEY (task, metric, variant, iter)
  ) WITHOUT ROWID;
  CREATE INDEX debug_samples_by_iter ON debug_samples(task, iter);

  CREATE TABLE logs (
    id INTEGER PRIMARY KEY,
    task TEXT NOT NULL,
    iter INTEGER,
    ts INTEGER NOT NULL,
    level TEXT NOT NULL,
    msg TEXT NOT NULL,
    worker TEXT
  );
  CREATE INDEX logs_by_task ON logs(task, ts);
  `,
  // 2: rollups may lag the raw points of a series by its last `rollup_pending` points (appended in
  // small batches), which are rolled up once enough of them gather; readers bucket them on the fly.
  `
  ALTER TABLE scalar_series ADD COLUMN rollup_pending INTEGER NOT NULL DEFAULT 0;
  `,
  // 3: a copy of each task's script and container without their long texts (uncommitted diff,
  // requirements, setup script), and of the JSON columns stored after them, kept by triggers: a
  // branch or the hyperparameters are read without reading through a 10,000-line diff.
  `
  CREATE TABLE task_light (
    id TEXT PRIMARY KEY,
    script TEXT NOT NULL,
    container TEXT NOT NULL,
    hyperparams TEXT NOT NULL,
    execution TEXT NOT NULL,
    models TEXT NOT NULL,
    runtime TEXT NOT NULL
  );
  INSERT INTO task_light (id, script, container, hyperparams, execution, models, runtime)
    SELECT id, json_remove(script, '$.diff', '$.requirements'), json_remove(container, '$.setup_shell_script'),
      hyperparams, execution, models, runtime FROM tasks;
  CREATE TRIGGER task_light_insert AFTER INSERT ON tasks BEGIN
    INSERT OR REPLACE INTO task_light (id, script, container, hyperparams, execution, models, runtime)
      VALUES (new.id, json_remove(new.script, '$.diff', '$.requirements'), json_remove(new.container, '$.setup_shell_script'),
        new.hyperparams, new.execution, new.models, new.runtime);
  END;
  CREATE TRIGGER task_light_update AFTER UPDATE OF script, container, hyperparams, execution, models, runtime ON tasks BEGIN
    UPDATE task_light SET script = json_remove(new.script, '$.diff', '$.requirements'),
      container = json_remove(new.container, '$.setup_shell_script'),
      hyperparams = new.hyperparams, execution = new.execution, models = new.models, runtime = new.runtime
      WHERE id = new.id;
  END;
  CREATE TRIGGER task_light_delete AFTER DELETE ON tasks BEGIN
    DELETE FROM task_light WHERE id = old.id;
  END;
  `,
  // 4: rollup chunks move to a rowid table. A chunk (up to 256 buckets of 56 bytes) is several
  // pages long, and SQLite reads such rows far faster from a rowid table than from a WITHOUT ROWID
  // one, whose rows should stay under a twentieth of a page (a 100-task chart reads 700 chunks,
  // 8.7 MB).
  `
  CREATE TABLE scalar_rollups_by_rowid (
    series INTEGER NOT NULL,
    level INTEGER NOT NULL,
    chunk INTEGER NOT NULL,
    buckets BLOB NOT NULL,
    PRIMARY KEY (series, level, chunk)
  );
  INSERT INTO scalar_rollups_by_rowid (series, level, chunk, buckets)
    SELECT series, level, chunk, buckets FROM scalar_rollups ORDER BY series, level, chunk;
  DROP TABLE scalar_rollups;
  ALTER TABLE scalar_rollups_by_rowid RENAME TO scalar_rollups;
  `,
  // 5: each user's web app preferences (users.get_preferences / users.set_preferences).
  `
  CREATE TABLE user_preferences (
    user TEXT PRIMARY KEY,
    preferences TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
];

export const SCHEMA_VERSION = migrations.length;
