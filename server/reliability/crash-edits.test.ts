// Kills the server (SIGKILL) at random moments while clients edit, reset and delete parts of
// tasks, restarts it, and checks that every write was stored whole or not at all: each task is in
// the state after its last answered write (or after the one that was in flight), its parameter
// index agrees with its hyperparameters, and SQLite's integrity check passes. CRASH_ROUNDS sets the
// number of kills.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { batchLines, startLiveServer, tempDir, type LiveServer } from './live-server';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 4);
const TASKS = 3;
/** An edit writes SECTIONS x PARAMS hyperparameters: a large row and index write to be killed in. */
const SECTIONS = 20;
const PARAMS = 500;
const POINTS = 50;

/** The writes each task goes through, in this order, over and over. */
const CYCLE = ['started', 'add_batch', 'edit', 'add_artifact', 'delete_section', 'delete_artifact', 'reset'] as const;

interface TaskState {
  status: string;
  comment: string;
  /** Sorted `section/name=value` of the hyperparameters. */
  params: string[];
  artifacts: string[];
  points: number;
  logs: number;
  plots: number;
  lastIteration: number;
}

function hyperparams(generation: number) {
  const sections: Record<string, Record<string, { section: string; name: string; value: string }>> = {};
  for (let s = 0; s < SECTIONS; s++) {
    const section = `s${s}`;
    sections[section] = {};
    for (let p = 0; p < PARAMS; p++) sections[section][`p${p}`] = { section, name: `p${p}`, value: String(generation + p / 1000) };
  }
  return sections;
}

function paramList(sections: ReturnType<typeof hyperparams>): string[] {
  return Object.values(sections)
    .flatMap((params) => Object.values(params).map((p) => `${p.section}/${p.name}=${p.value}`))
    .sort();
}

/** The state of a task after the first `ops` writes of its cycle. */
function expectedState(ops: number): TaskState {
  const state: TaskState = {
    status: 'created',
    comment: 'start',
    params: [],
    artifacts: [],
    points: 0,
    logs: 0,
    plots: 0,
    lastIteration: 0,
  };
  for (let i = 0; i < ops; i++) {
    const generation = Math.floor(i / CYCLE.length);
    switch (CYCLE[i % CYCLE.length]) {
      case 'started':
        state.status = 'in_progress';
        break;
      case 'add_batch':
        Object.assign(state, { points: 2 * POINTS, logs: 1, plots: 1, lastIteration: generation * POINTS + POINTS - 1 });
        break;
      case 'edit':
        Object.assign(state, { comment: `generation ${generation}`, params: paramList(hyperparams(generation)) });
        break;
      case 'add_artifact':
        state.artifacts = [`k${generation}`];
        break;
      case 'delete_section':
        state.params = state.params.filter((p) => !p.startsWith('s0/'));
        break;
      case 'delete_artifact':
        state.artifacts = [];
        break;
      case 'reset':
        Object.assign(state, { status: 'created', points: 0, logs: 0, plots: 0, lastIteration: 0 });
        break;
    }
  }
  return state;
}

/** Sends the `op`-th write of a task's cycle; resolves with whether it was answered 200. */
async function write(server: LiveServer, task: string, op: number): Promise<void> {
  const generation = Math.floor(op / CYCLE.length);
  const kind = CYCLE[op % CYCLE.length];
  let reply: { status: number; data: any; meta?: unknown };
  switch (kind) {
    case 'started':
      reply = await server.call('tasks.started', { task });
      break;
    case 'add_batch':
      reply = await server.addBatch(batchLines(task, generation, POINTS));
      break;
    case 'edit':
      reply = await server.call('tasks.edit', { task, comment: `generation ${generation}`, hyperparams: hyperparams(generation) });
      break;
    case 'add_artifact':
      reply = await server.call('tasks.add_or_update_artifacts', { task, artifacts: [{ key: `k${generation}`, type: 'json' }] });
      break;
    case 'delete_section':
      reply = await server.call('tasks.delete_hyper_params', { task, hyperparams: [{ section: 's0' }] });
      break;
    case 'delete_artifact':
      reply = await server.call('tasks.delete_artifacts', { task, artifacts: [{ key: `k${generation}` }] });
      break;
    case 'reset':
      reply = await server.call('tasks.reset', { task });
      break;
  }
  assert.equal(reply.status, 200, `${kind} of ${task}: ${JSON.stringify(reply.meta ?? reply.data).slice(0, 200)}`);
}

/** What the database holds for a task, and whether its parameter index agrees with its hyperparameters. */
function storedState(db: Database.Database, task: string): { state: TaskState; indexAgrees: boolean; detail: string } {
  return db.transaction(() => {
    const row = db.prepare('SELECT status, comment, hyperparams, execution, last_iteration FROM tasks WHERE id = ?').get(task) as {
      status: string;
      comment: string;
      hyperparams: string;
      execution: string;
      last_iteration: number;
    };
    const sections = JSON.parse(row.hyperparams) as ReturnType<typeof hyperparams>;
    const params = paramList(sections);
    const index = (
      db.prepare('SELECT section, name, value FROM task_params WHERE task = ?').all(task) as {
        section: string;
        name: string;
        value: string;
      }[]
    )
      .map((p) => `${p.section}/${p.name}=${p.value}`)
      .sort();
    const count = (sql: string) => db.prepare(sql).pluck().get(task) as number;
    const state: TaskState = {
      status: row.status,
      comment: row.comment,
      params,
      artifacts: ((JSON.parse(row.execution).artifacts ?? []) as { key: string }[]).map((a) => a.key),
      points: count('SELECT count(*) FROM scalars WHERE series IN (SELECT id FROM scalar_series WHERE task = ?)'),
      logs: count('SELECT count(*) FROM logs WHERE task = ?'),
      plots: count('SELECT count(*) FROM plots WHERE task = ?'),
      lastIteration: row.last_iteration,
    };
    const indexAgrees = index.length === params.length && index.every((p, i) => p === params[i]);
    return { state, indexAgrees, detail: `hyperparameters ${params.length}, index ${index.length}` };
  })();
}

const summary = (s: TaskState) => ({
  ...s,
  params: `${s.params.length} params, ${new Set(s.params.map((p) => p.split('=')[1].split('.')[0])).size} generations`,
});

test(`SIGKILL during edits, resets and deletes, ${ROUNDS} times: every write whole or absent, parameter index agrees, integrity ok`, async () => {
  const dir = tempDir();
  const dbPath = join(dir, 'crash-edits.db');
  const filesDir = join(dir, 'files');
  let server: LiveServer | null = null;
  try {
    server = await startLiveServer(dbPath, filesDir);
    const project = (await server.call('projects.create', { name: 'crash edits' })).data.id;
    const tasks: string[] = [];
    for (let i = 0; i < TASKS; i++)
      tasks.push((await server.call('tasks.create', { name: `edits ${i}`, type: 'training', project, comment: 'start' })).data.id);
    /** Writes of each task's cycle known to be stored (answered, or found after a kill). */
    const done = new Map(tasks.map((t) => [t, 0]));
    let answered = 0;
    let committedUnanswered = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      if (round > 1) server = await startLiveServer(dbPath, filesDir);
      const live = server!;
      let stopped = false;
      const acked = new Map(tasks.map((t) => [t, done.get(t)!]));
      const client = async (task: string) => {
        while (!stopped) {
          const op = acked.get(task)!;
          try {
            await write(live, task, op);
          } catch (error) {
            if ((error as Error).name === 'AssertionError') throw error;
            return; // the connection died with the server
          }
          acked.set(task, op + 1);
          answered++;
        }
      };
      const clients = tasks.map(client);
      // Let the writes run until each task has had some answered (at most 10 s), then a random
      // while more, then kill without warning.
      const start = new Map(acked);
      for (const until = performance.now() + 10_000; tasks.some((t) => acked.get(t)! < start.get(t)! + 3) && performance.now() < until;) {
        await new Promise((resume) => setTimeout(resume, 20));
      }
      await new Promise((resume) => setTimeout(resume, Math.random() * 800));
      await live.kill('SIGKILL');
      stopped = true;
      await Promise.all(clients);
      server = null;

      const db = new Database(dbPath); // opening recovers the WAL, as the restarted server would
      try {
        assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
        const report: string[] = [];
        for (const task of tasks) {
          const { state, indexAgrees, detail } = storedState(db, task);
          assert.ok(indexAgrees, `task ${task}: parameter index disagrees with the task row (${detail})`);
          const ops = acked.get(task)!;
          // The write in flight when the server died may have committed, whole.
          const match = [ops, ops + 1].find((k) => JSON.stringify(expectedState(k)) === JSON.stringify(state));
          assert.ok(
            match !== undefined,
            `task ${task}: stored state is neither after write ${ops} nor ${ops + 1} (${CYCLE[ops % CYCLE.length]}): ` +
              `${JSON.stringify(summary(state))} vs ${JSON.stringify(summary(expectedState(ops)))} / ${JSON.stringify(summary(expectedState(ops + 1)))}`,
          );
          if (match === ops + 1) committedUnanswered++;
          done.set(task, match);
          report.push(
            `${CYCLE[(match + CYCLE.length - 1) % CYCLE.length]} #${match}${match === ops + 1 ? ' (unanswered, committed whole)' : ''}`,
          );
        }
        console.log(`round ${round}: killed; tasks at ${report.join(', ')}; parameter index agrees; integrity ok`);
      } finally {
        db.close();
      }
    }
    console.log(
      `${ROUNDS} kills, ${answered} writes answered 200 (edits of ${SECTIONS * PARAMS} hyperparameters, resets, deletes), ` +
        `all found whole; ${committedUnanswered} in-flight write(s) committed whole; none partial`,
    );
  } finally {
    await server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});
