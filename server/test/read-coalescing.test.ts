// ReadCoalescer on its own: who joins a computation and who starts another.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextTurn, ReadCoalescer, readKey } from '../src/http/read-coalescing';

/** A computation the test finishes when it wants, counting its runs. */
function gate<T>() {
  let open!: (value: T) => void;
  const opened = new Promise<T>((resolve) => (open = resolve));
  let runs = 0;
  return { compute: () => (runs++, opened), open, runs: () => runs };
}

test('calls before the computation starts join it; after it starts, only while nothing was written', async () => {
  let version = 'v1';
  const reads = new ReadCoalescer(() => version);
  const first = gate<string>();
  const key = readKey('events.x', '', { tasks: ['a'] });
  const a = reads.run(key, first.compute);
  const b = reads.run(key, first.compute);
  assert.equal(first.runs(), 0, 'starts on the next turn');
  await nextTurn();
  assert.equal(first.runs(), 1);
  const c = reads.run(key, first.compute); // started, nothing written since: joins
  version = 'v2'; // a write
  const second = gate<string>();
  const d = reads.run(key, second.compute); // started before the write: a new computation
  const e = reads.run(key, second.compute); // joins the new one
  await nextTurn();
  assert.equal(second.runs(), 1);
  first.open('before');
  second.open('after');
  assert.deepEqual(await Promise.all([a, b, c, d, e]), ['before', 'before', 'before', 'after', 'after']);
  assert.equal(reads.computations, 2);
  assert.equal(reads.size, 0, 'entries go once answered');
});

test('a failed computation fails every caller and is not kept', async () => {
  const reads = new ReadCoalescer(() => 'v');
  let runs = 0;
  const fail = async () => {
    runs++;
    throw new Error('no such task');
  };
  const key = readKey('events.x', 'Bearer t', {});
  const results = await Promise.allSettled([reads.run(key, fail), reads.run(key, fail)]);
  assert.deepEqual(
    results.map((r) => r.status),
    ['rejected', 'rejected'],
  );
  assert.equal(runs, 1);
  assert.equal(reads.size, 0);
  await assert.rejects(reads.run(key, fail), /no such task/);
  assert.equal(runs, 2, 'the next call computes again');
});

test('keys differ by endpoint, caller and body', () => {
  const keys = new Set([
    readKey('a', '', { x: 1 }),
    readKey('b', '', { x: 1 }),
    readKey('a', 'Bearer 1', { x: 1 }),
    readKey('a', '', { x: 2 }),
  ]);
  assert.equal(keys.size, 4);
  assert.equal(readKey('a', '', { x: 1 }), readKey('a', '', { x: 1 }));
});
