// Runs every check (type checks, lint, server, crash, unit, builds, e2e) and ends with one line summing
// them: "N passed, N failed". Exits non-zero if any failed. `node scripts/test-all.mjs lint unit` runs
// the named ones only.
//
// The checks run in three lanes side by side. The builds and then e2e are the longest chain, so they
// run at normal priority; the other two lanes run at a lower one and take the CPU those leave idle
// (e2e waits on its servers and browsers, the server suites on timers and child processes). Each
// check's output is kept and printed whole when it ends, so that outputs never interleave.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { CHROMIUM_PATH } from './chromium.cjs';

/** Niceness of the lanes beside the builds and e2e: they yield the CPU to them, without starving. */
const BESIDE_PRIORITY = 5;

function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`Chromium was not found at ${CHROMIUM_PATH}. Install Debian's package (sudo apt-get install -y chromium)`);
    console.error('or set CHROME_BIN to a Chromium binary, then run npm test again.');
    process.exit(2);
  }
  console.log(`Chromium was not found at ${CHROMIUM_PATH}; installing Debian's chromium package (apt-get install -y chromium).`);
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) {
      console.error('Installing chromium failed; install it by hand and run npm test again.');
      process.exit(2);
    }
  }
}

const last = (output, regex) => {
  const matches = [...output.matchAll(regex)];
  return matches.length ? matches[matches.length - 1] : null;
};
const nodeTestCount = (out) => ({
  passed: Number(last(out, /^# pass (\d+)/gm)?.[1] ?? 0),
  failed: Number(last(out, /^# fail (\d+)/gm)?.[1] ?? 0),
});
/** A check without test counts (a type check, lint) is one test: passed when it exits 0. */
const oneCheck = (out, code) => (code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
/** A build is no test: it counts only when it fails (and then e2e does not run). */
const buildCount = () => ({ passed: 0, failed: 0 });
/**
 * The server, e2e and bench type checks in one `tsc -b` (one process: the Node and library types are
 * read once, and a project whose files did not change since the last run is not checked again), each
 * project counted as one test, failed when an error is in its folder.
 */
const TYPECHECK_PROJECTS = {
  node: (file) => file.startsWith('server/'),
  e2e: (file) => file.startsWith('e2e/') || file === 'playwright.config.ts',
  bench: (file) => file.startsWith('bench/'),
};
const typecheck = {
  name: 'typecheck',
  command: ['npx', ['tsc', '-b', '--pretty', 'false', ...Object.keys(TYPECHECK_PROJECTS).map((project) => `tsconfig.${project}.json`)]],
  count: (out) => {
    const files = [...out.matchAll(/^(\S[^(\n]*)\(\d+,\d+\): error TS/gm)].map((m) => m[1].replaceAll('\\', '/'));
    const failed = Object.values(TYPECHECK_PROJECTS).filter((inProject) => files.some(inProject)).length;
    return { passed: Object.keys(TYPECHECK_PROJECTS).length - failed, failed };
  },
};

const lanes = [
  {
    name: 'app',
    suites: [
      // e2e/base-path.spec.ts makes the app served under /compare/ from this build (e2e/base-path-support.ts).
      { name: 'build', command: ['npm', ['run', '-s', 'build', '--', '--no-progress']], count: buildCount },
      {
        name: 'e2e',
        needs: ['build'],
        command: ['npx', ['playwright', 'test']],
        count: (out) => ({
          passed: Number(last(out, /^\s*(\d+) passed/gm)?.[1] ?? 0),
          failed: Number(last(out, /^\s*(\d+) failed/gm)?.[1] ?? 0) + Number(last(out, /^\s*(\d+) flaky/gm)?.[1] ?? 0),
        }),
      },
    ],
  },
  {
    name: 'server',
    beside: true,
    suites: [
      { name: 'server', command: ['npm', ['run', '--silent', 'test:server']], count: nodeTestCount },
      // Real server processes: SIGKILL during ingest, readers while writing, online backup.
      { name: 'crash', command: ['npm', ['run', '--silent', 'test:crash']], count: nodeTestCount },
    ],
  },
  {
    name: 'static',
    beside: true,
    suites: [
      {
        name: 'unit',
        command: ['npx', ['ng', 'test', '--no-watch', '--no-progress']],
        count: (out) => {
          const m = last(out, /Executed (\d+) of (\d+)(?: \((\d+) FAILED\))?/g);
          const executed = Number(m?.[1] ?? 0);
          const failed = Number(m?.[3] ?? 0);
          return { passed: executed - failed, failed };
        },
      },
      typecheck,
      // Lint and the format check keep what they found of each unchanged file (.eslintcache, .prettiercache).
      { name: 'lint', command: ['npx', ['eslint', '--cache', '--cache-location', '.eslintcache', '.']], count: oneCheck },
      { name: 'format', command: ['npx', ['prettier', '--check', '--cache', '--cache-location', '.prettiercache', '.']], count: oneCheck },
      // Folders under src/app import only downward (ARCHITECTURE.md, "The URL"), and the check's own tests.
      { name: 'layers', command: ['node', ['scripts/check-layers.mjs']], count: oneCheck },
      { name: 'layers-test', command: ['node', ['--test', 'scripts/check-layers.test.mjs']], count: oneCheck },
    ],
  },
];

const started = Date.now();
const clock = (ms) => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
};

/** Runs a command; its output is printed as it comes when `stream`, else kept for the caller. */
function run(command, args, { stream, nice }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, CHROME_BIN: CHROMIUM_PATH, FORCE_COLOR: '0' } });
    // No pid when the command could not start: setPriority would then lower this script's own priority.
    if (nice && child.pid) {
      try {
        setPriority(child.pid, nice);
      } catch {
        // not permitted here: it runs at normal priority
      }
    }
    let output = '';
    for (const [pipe, terminal] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      pipe.on('data', (chunk) => {
        output += chunk;
        if (stream) terminal.write(chunk);
      });
    }
    child.on('error', (error) => {
      output += `\n${error.message}\n`;
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

ensureChromium();
const only = process.argv.slice(2);
const selected = lanes
  .map((lane) => ({ ...lane, suites: lane.suites.filter((suite) => !only.length || only.includes(suite.name)) }))
  .filter((lane) => lane.suites.length);
const stream = selected.reduce((n, lane) => n + lane.suites.length, 0) === 1;
const results = new Map();

async function runLane(lane) {
  for (const suite of lane.suites) {
    const failedNeed = (suite.needs ?? []).find((need) => results.get(need)?.code);
    if (failedNeed) {
      results.set(suite.name, { skipped: `skipped, ${failedNeed} failed` });
      console.log(`\n=== ${suite.name}: skipped, ${failedNeed} failed ===`);
      continue;
    }
    const t0 = Date.now();
    console.log(`[${clock(t0 - started)}] ${suite.name} started`);
    const [command, args] = suite.command;
    const { code, output } = await run(command, args, { stream, nice: lane.beside ? BESIDE_PRIORITY : 0 });
    const counts = suite.count(output, code);
    // A suite that exits non-zero without a counted failure (a crash, a build error) counts as one failure.
    if (code !== 0 && counts.failed === 0) counts.failed = 1;
    const took = Date.now() - t0;
    results.set(suite.name, { code, counts, took });
    if (!stream) {
      console.log(`\n=== ${suite.name} (${clock(took)}, ended at ${clock(Date.now() - started)}) ===`);
      process.stdout.write(!output ? '(no output)\n' : output.endsWith('\n') ? output : `${output}\n`);
    }
  }
}

await Promise.all(selected.map(runLane));

let passed = 0;
let failed = 0;
const lines = [];
for (const lane of selected) {
  for (const suite of lane.suites) {
    const result = results.get(suite.name);
    if (result.skipped) {
      lines.push(`${suite.name}: ${result.skipped}`);
      continue;
    }
    passed += result.counts.passed;
    failed += result.counts.failed;
    lines.push(
      `${suite.name}: ${result.counts.passed} passed, ${result.counts.failed} failed${result.code !== 0 ? ' (FAILED)' : ''} in ${clock(result.took)}`,
    );
  }
}
const summary = `${passed} passed, ${failed} failed`;
mkdirSync('test-results', { recursive: true });
writeFileSync('test-results/summary.txt', `${summary}\n`);
console.log(`\n${lines.join('\n')}\nall in ${clock(Date.now() - started)}`);
console.log(summary);
process.exit(failed > 0 ? 1 : 0);
