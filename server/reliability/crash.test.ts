// Kills the server (SIGKILL) at random moments while clients stream events.add_batch, restarts it,
// and checks that every batch answered 200 is fully stored, none is partly stored, and SQLite's
// integrity check passes. CRASH_ROUNDS sets the number of kills.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { checkBatches } from './batches';
import { batchLines, startLiveServer, tempDir, type LiveServer } from './live-server';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 4);
const POINTS = 250; // iterations per batch, two series each: 502 events a batch
const CLIENTS = 3;

test(`SIGKILL during add_batch, ${ROUNDS} times: answered batches are whole, none is partial, integrity ok`, async () => {
  const dir = tempDir();
  const dbPath = join(dir, 'crash.db');
  const filesDir = join(dir, 'files');
  const acked = new Set<number>();
  let sent = 0;
  let nextBatch = 0;
  let task = '';
  let server: LiveServer | null = null;
  try {
    server = await startLiveServer(dbPath, filesDir);
    const project = (await server.call('projects.create', { name: 'crash' })).data.id;
    task = (await server.call('tasks.create', { name: 'crash', type: 'training', project })).data.id;
    for (let round = 1; round <= ROUNDS; round++) {
      if (round > 1) {
        // The restarted server serves what survived the last kill.
        server = await startLiveServer(dbPath, filesDir);
        const doc = (await server.call('tasks.get_all_ex', { id: [task], only_fields: ['last_metrics'] })).data.tasks[0];
        const series = Object.values(Object.values(doc.last_metrics ?? {})[0] ?? {}) as { count: number }[];
        assert.ok(
          (acked.size === 0 || series.length === 2) && series.every((s) => s.count >= acked.size * POINTS),
          'restarted server serves the answered batches',
        );
      }
      if (!server) throw new Error('no server running');
      const live = server;
      let stopped = false;
      const client = async () => {
        while (!stopped) {
          const batch = nextBatch++;
          sent++;
          try {
            const reply = await live.addBatch(batchLines(task, batch, POINTS));
            if (reply.status === 200 && reply.data.added === POINTS * 2 + 2) acked.add(batch);
            else assert.fail(`batch ${batch}: ${reply.status} ${JSON.stringify(reply.data).slice(0, 200)}`);
          } catch (error) {
            if ((error as Error).name === 'AssertionError') throw error;
            return; // the connection died with the server
          }
        }
      };
      const clients = Array.from({ length: CLIENTS }, client);
      // Let ingest run until a batch of this round is answered (at most 10 s), then a random while
      // more, then kill without warning.
      const before = acked.size;
      for (const until = performance.now() + 10_000; acked.size === before && performance.now() < until;) {
        await new Promise((done) => setTimeout(done, 20));
      }
      await new Promise((done) => setTimeout(done, Math.random() * 600));
      const inFlight = nextBatch;
      await live.kill('SIGKILL');
      stopped = true;
      await Promise.all(clients);
      server = null;

      const db = new Database(dbPath); // opening recovers the WAL, as the restarted server would
      try {
        const integrity = db.pragma('integrity_check', { simple: true });
        assert.equal(integrity, 'ok');
        const check = checkBatches(db, task, POINTS);
        const lost = [...acked].filter((b) => !check.full.has(b));
        assert.deepEqual(lost, [], `answered 200 but not fully stored: ${lost.join(', ')}`);
        assert.deepEqual(check.partial, [], 'partly stored batches');
        assert.deepEqual(check.inconsistentSeries, [], 'last_metrics disagree with points');
        const unanswered = check.full.size - acked.size;
        console.log(
          `round ${round}: killed after ${inFlight} batches sent in all; the ${acked.size} answered 200 so far are all whole; ` +
            `${unanswered} unanswered batch(es) committed whole; 0 partial; integrity ok`,
        );
      } finally {
        db.close();
      }
    }
    console.log(
      `${ROUNDS} kills, ${sent} batches sent, ${acked.size} answered 200 and found whole after each restart; each restarted server served them`,
    );
  } finally {
    await server?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});
