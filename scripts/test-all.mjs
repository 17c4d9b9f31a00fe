// Runs every test suite (server, crash, unit, e2e), prints each one's output as it comes, and ends with
// one line summing them: "N passed, N failed". Exits non-zero if any suite failed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

const CHROMIUM = process.env.CHROME_BIN || '/usr/bin/chromium';

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`Chromium was not found at ${CHROMIUM}. Install Debian's package (sudo apt-get install -y chromium)`);
    console.error('or set CHROME_BIN to a Chromium binary, then run npm test again.');
    process.exit(2);
  }
  console.log(`Chromium was not found at ${CHROMIUM}; installing Debian's chromium package (apt-get install -y chromium).`);
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) {
      console.error('Installing chromium failed; install it by hand and run npm test again.');
      process.exit(2);
    }
  }
}

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, CHROME_BIN: CHROMIUM, FORCE_COLOR: '0' } });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        output += chunk;
        (stream === child.stdout ? process.stdout : process.stderr).write(chunk);
      });
    }
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const last = (output, regex) => {
  const matches = [...output.matchAll(regex)];
  return matches.length ? matches[matches.length - 1] : null;
};

const suites = [
  {
    name: 'server',
    command: ['npm', ['run', '--silent', 'test:server']],
    count: (out) => ({ passed: Number(last(out, /^# pass (\d+)/gm)?.[1] ?? 0), failed: Number(last(out, /^# fail (\d+)/gm)?.[1] ?? 0) }),
  },
  {
    // Real server processes: SIGKILL during ingest, readers while writing, online backup.
    name: 'crash',
    command: ['npm', ['run', '--silent', 'test:crash']],
    count: (out) => ({ passed: Number(last(out, /^# pass (\d+)/gm)?.[1] ?? 0), failed: Number(last(out, /^# fail (\d+)/gm)?.[1] ?? 0) }),
  },
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
  {
    name: 'build',
    command: ['npm', ['run', '-s', 'build', '--', '--no-progress']],
    count: () => ({ passed: 0, failed: 0 }),
  },
  {
    // The same app built to be served under a path of the host (e2e/base-path.spec.ts).
    name: 'build-base',
    command: ['npx', ['ng', 'build', '--no-progress', '--base-href', '/compare/', '--output-path', 'dist/compare-base']],
    count: () => ({ passed: 0, failed: 0 }),
  },
  {
    name: 'e2e',
    command: ['npx', ['playwright', 'test']],
    count: (out) => ({
      passed: Number(last(out, /^\s*(\d+) passed/gm)?.[1] ?? 0),
      failed: Number(last(out, /^\s*(\d+) failed/gm)?.[1] ?? 0) + Number(last(out, /^\s*(\d+) flaky/gm)?.[1] ?? 0),
    }),
  },
];

ensureChromium();
const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
let buildFailed = false;
const lines = [];
for (const suite of suites) {
  if (only.length && !only.includes(suite.name)) continue;
  if (suite.name === 'e2e' && buildFailed) {
    lines.push('e2e: skipped, the app did not build');
    continue;
  }
  console.log(`\n=== ${suite.name} ===`);
  const [command, args] = suite.command;
  const { code, output } = await run(command, args);
  const counts = suite.count(output);
  // A suite that exits non-zero without a counted failure (a crash, a build error) counts as one failure.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  if ((suite.name === 'build' || suite.name === 'build-base') && code !== 0) buildFailed = true;
  passed += counts.passed;
  failed += counts.failed;
  lines.push(`${suite.name}: ${counts.passed} passed, ${counts.failed} failed${code !== 0 ? ' (FAILED)' : ''}`);
}

const summary = `${passed} passed, ${failed} failed`;
mkdirSync('test-results', { recursive: true });
writeFileSync('test-results/summary.txt', `${summary}\n`);
console.log(`\n${lines.join('\n')}`);
console.log(summary);
process.exit(failed > 0 ? 1 : 0);
