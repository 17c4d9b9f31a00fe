// A real server process written to by one client while other clients and another process read it,
// and `npm run backup` copies it: no errors, no torn reads, a consistent and restorable copy.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { checkBatches } from './batches';
import { batchLines, startLiveServer, tempDir, type LiveServer } from './live-server';

const POINTS = 250;

/** Streams batches until stopped; records which were answered 200 and how long each took. */
function writer(server: LiveServer, task: string, firstBatch: number) {
  const state = { stopped: false, acked: [] as number[], latencies: [] as { at: number; ms: number }[], errors: [] as string[] };
  const done = (async () => {
    for (let batch = firstBatch; !state.stopped; batch++) {
      const started = performance.now();
      const reply = await server.addBatch(batchLines(task, batch, POINTS)).catch((e: Error) => ({ status: 0, data: e.message }));
      state.latencies.push({ at: started, ms: performance.now() - started });
      if (reply.status === 200 && reply.data.added === POINTS * 2 + 2) state.acked.push(batch);
      else state.errors.push(`batch ${batch}: ${reply.status} ${JSON.stringify(reply.data).slice(0, 200)}`);
    }
  })();
  return { state, stop: async () => ((state.stopped = true), await done) };
}

async function setup(dir: string) {
  const server = await startLiveServer(join(dir, 'live.db'), join(dir, 'files'));
  const project = (await server.call('projects.create', { name: 'live' })).data.id;
  const task = (await server.call('tasks.create', { name: 'live', type: 'training', project })).data.id;
  return { server, task };
}

test('readers while ingest runs: HTTP readers and another process see no errors and no torn last_metrics', async () => {
  const dir = tempDir();
  const { server, task } = await setup(dir);
  try {
    const write = writer(server, task, 0);
    const problems: string[] = [];
    let reads = 0;
    let snapshots = 0;
    // Read until enough has overlapped with writing (however busy the machine), at most 20 s.
    const deadline = performance.now() + 20_000;
    const enough = () => reads >= Number(process.env.LIVE_READS ?? 150) && snapshots >= 20 && write.state.acked.length >= 10;
    const reading = () => performance.now() < deadline && !enough();
    const reader = async (kind: number) => {
      while (reading()) {
        reads++;
        if (kind === 0) {
          const reply = await server.call('events.multi_task_scalar_metrics_iter_histogram', { tasks: [task], samples: 500 });
          if (reply.status !== 200) problems.push(`histogram ${reply.status} ${reply.meta.result_msg}`);
          const series = reply.data.metrics?.crash;
          if (series && series.a?.[task]?.total !== series.b?.[task]?.total) {
            problems.push(`histogram totals differ: a ${series.a?.[task]?.total}, b ${series.b?.[task]?.total}`);
          }
        } else {
          const reply = await server.call(
            kind === 1 ? 'tasks.get_all_ex' : 'tasks.get_by_id',
            kind === 1 ? { id: [task], only_fields: ['last_metrics', 'last_iteration'] } : { task },
          );
          if (reply.status !== 200) problems.push(`tasks ${reply.status} ${reply.meta.result_msg}`);
          const doc = kind === 1 ? reply.data.tasks[0] : reply.data.task;
          const entries = Object.values(doc.last_metrics ?? {}).flatMap((v) => Object.values(v as object)) as {
            variant: string;
            count: number;
            value: number;
          }[];
          const [a, b] = ['a', 'b'].map((v) => entries.find((e) => e.variant === v));
          if (a && b && (a.count !== b.count || a.value !== b.value))
            problems.push(`last_metrics torn: a ${a.count}/${a.value}, b ${b.count}/${b.value}`);
        }
      }
    };
    // Another process's view: the test opens the file itself and reads whole snapshots.
    const other = new Database(join(dir, 'live.db'), { readonly: true, fileMustExist: true });
    other.pragma('busy_timeout = 5000');
    const outside = (async () => {
      while (reading()) {
        try {
          const check = checkBatches(other, task, POINTS);
          snapshots++;
          if (check.partial.length) problems.push(`snapshot with partial batches: ${JSON.stringify(check.partial).slice(0, 200)}`);
          if (check.inconsistentSeries.length) problems.push(`snapshot with torn last_metrics: ${check.inconsistentSeries.join('; ')}`);
        } catch (error) {
          problems.push(`other process: ${(error as Error).message}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await Promise.all([reader(0), reader(1), reader(2), reader(0), outside]);
    await write.stop();
    other.close();
    assert.deepEqual(write.state.errors, []);
    assert.deepEqual(problems.slice(0, 10), []);
    assert.ok(write.state.acked.length > 0 && snapshots > 0);
    console.log(
      `readers: ${reads} HTTP reads (histograms, get_all_ex, get_by_id) and ${snapshots} snapshots from another process ` +
        `while ${write.state.acked.length} batches were written: 0 errors, 0 torn reads, 0 partial batches`,
    );
  } finally {
    await server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});

function runBackup(db: string, target: string): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/db/backup-cli.ts', target, '--db', db], {
      cwd: resolve(__dirname, '../..'),
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}

test('npm run backup copies the live database while a client writes; the copy is consistent and restores', async () => {
  const dir = tempDir();
  const dbPath = join(dir, 'live.db');
  const { server, task } = await setup(dir);
  let restored: LiveServer | null = null;
  try {
    const preload = Number(process.env.BACKUP_PRELOAD_BATCHES ?? 20);
    for (let batch = 0; batch < preload; batch++) assert.equal((await server.addBatch(batchLines(task, batch, POINTS))).status, 200);
    const write = writer(server, task, preload);
    await new Promise((r) => setTimeout(r, 300));
    const ackedBefore = write.state.acked.length;
    const started = performance.now();
    const backup = await runBackup(dbPath, join(dir, 'backup.db'));
    const ended = performance.now();
    const ackedDuring = write.state.acked.length - ackedBefore;
    await new Promise((r) => setTimeout(r, 200));
    await write.stop();
    assert.equal(backup.code, 0, backup.output);
    assert.deepEqual(write.state.errors, []);
    const during = write.state.latencies.filter((l) => l.at >= started && l.at <= ended).map((l) => l.ms);
    const slowest = Math.round(Math.max(0, ...during));

    const copy = new Database(join(dir, 'backup.db'), { readonly: true });
    let whole: number;
    try {
      assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
      const check = checkBatches(copy, task, POINTS);
      assert.deepEqual(check.partial, [], 'batches partly in the backup');
      assert.deepEqual(check.inconsistentSeries, [], 'last_metrics disagree with points in the backup');
      for (let batch = 0; batch < preload + ackedBefore; batch++)
        assert.ok(check.full.has(batch), `batch ${batch} answered before the backup is missing`);
      whole = check.full.size;
    } finally {
      copy.close();
    }
    // Restore: the copy becomes a server's database.
    copyFileSync(join(dir, 'backup.db'), join(dir, 'restored.db'));
    restored = await startLiveServer(join(dir, 'restored.db'), join(dir, 'files'));
    const doc = (await restored.call('tasks.get_by_id', { task })).data.task;
    const entries = Object.values(doc.last_metrics).flatMap((v) => Object.values(v as object)) as { count: number }[];
    assert.ok(entries.length === 2 && entries.every((e) => e.count === whole * POINTS));
    console.log(
      `backup: ${backup.output.trim()}\n  while it ran ${ackedDuring} batches were answered (slowest write ${slowest} ms); ` +
        `the copy holds ${whole} whole batches, none partial, integrity ok; a server started on it serves them`,
    );
  } finally {
    await restored?.kill('SIGTERM');
    await server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});
