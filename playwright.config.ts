import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, PROTOCOL_FLAGS, TEST_FLAGS } from './scripts/chromium.cjs';
import { copyDemo, demoTemplate } from './e2e/demo-template';

/**
 * e2e tests run against the real embedded server, on a free port, with a copy of the demo database
 * (seeded once: e2e/demo-template.ts) in a temporary folder, and Debian's Chromium (never a
 * downloaded browser). The `full` project runs every suite against the server with its extensions;
 * the `plain` project runs the tests whose views differ (tagged `@plain`, below) against a second server
 * started with `--plain-clearml` (answers as clearml-server gives them, no extension advertised).
 * Each project only starts the servers it needs.
 *
 * The config is evaluated in the runner and again in each worker; the ports and folders are chosen
 * once, in the runner, and handed to the workers through the environment.
 */
function freePort(): string {
  return execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString();
}
process.env['E2E_PORT'] ||= freePort();
process.env['E2E_PLAIN_PORT'] ||= freePort();
if (!process.env['E2E_DEMO_TEMPLATE']) {
  // In the runner only: the workers find the template and the copies through the environment.
  const template = demoTemplate();
  process.env['E2E_DEMO_TEMPLATE'] = template;
  for (const [name, prefix] of [
    ['E2E_DATA_DIR', 'compare-e2e-'],
    ['E2E_PLAIN_DATA_DIR', 'compare-e2e-plain-'],
  ] as const) {
    if (process.env[name]) continue;
    process.env[name] = mkdtempSync(join(tmpdir(), prefix));
    copyDemo(template, process.env[name]);
  }
}
const port = Number(process.env['E2E_PORT']);
const dataDir = process.env['E2E_DATA_DIR']!;
const baseURL = `http://127.0.0.1:${port}`;
const plainPort = Number(process.env['E2E_PLAIN_PORT']);
const plainDataDir = process.env['E2E_PLAIN_DATA_DIR']!;
const plainBaseURL = `http://127.0.0.1:${plainPort}`;

/**
 * The tests run against the plain-mode server too: those tagged `@plain`, whose answers or views
 * differ there. The plain-mode server differs in three answers only (server.info without
 * capabilities, the scalar histogram without envelope and x_range, debug_images without iteration),
 * and the app reads the capabilities only in Scalars (the envelope, a zoom's x_range) and Debug
 * samples (paging to older iterations). Every other answer is the same in both modes
 * (server/test/tasks-clearml-shape.test.ts checks the task answers in both), so `full` covers the
 * rest: the task table, shell, Details, Hyperparameters, Plots, the Summary, the values tables and
 * the live checks. The tags: Scalars charts drawn or zoomed from the histogram (scalars,
 * live-updates, group-bands, the views of a link with an unknown id in compare-links), Debug
 * samples paging past the first page, and plain-clearml.spec.ts, which states what must hold on
 * clearml-server's answers and runs in both.
 */
const PLAIN = /@plain/;
const asked = process.argv.slice(2);
/** `--project=plain` (or `--project plain`) alone: the full-mode server is not started. */
const onlyProject = (name: string) => asked.some((a, i) => a === `--project=${name}` || (a === '--project' && asked[i + 1] === name));
const appEnv = process.env['E2E_APP_DIR'] ? { COMPARE_APP_DIR: process.env['E2E_APP_DIR'] } : undefined;

function server(at: number, dir: string, url: string, extra = '') {
  return {
    // E2E_APP_DIR (optional): a build of the app other than dist/compare-tasks/browser.
    env: appEnv ?? {},
    command: `node --import tsx server/src/main.ts --db "${join(dir, 'compare.db')}" --files "${join(dir, 'files')}" --port ${at}${extra}`,
    url: `${url}/api/server.info`,
    reuseExistingServer: false,
    // A server started on a folder of its own (E2E_DATA_DIR) seeds the demo there: minutes on a busy machine.
    timeout: 300_000,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
  };
}

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env['CI'],
  reporter: [['list']],
  // Budgets for a busy machine (a CI runner, or a laptop running other work): a test waits for
  // states, never for time, so a passing test takes no longer for them; only a failure is reported
  // later. Tests that open several charted views set their own.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  projects: [
    { name: 'full', use: { baseURL } },
    { name: 'plain', use: { baseURL: plainBaseURL }, grep: PLAIN },
  ],
  use: {
    baseURL,
    // A failed test keeps its trace (actions, DOM snapshots, network, console) and a screenshot, but
    // no screencast: the screencast encodes a frame each time the page paints, about a quarter of the
    // lane's CPU (bench/RESULTS.md). `--trace retain-on-failure` on the command line records it too.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...TEST_FLAGS, ...PROTOCOL_FLAGS] },
  },
  webServer: [
    ...(onlyProject('plain') ? [] : [server(port, dataDir, baseURL)]),
    ...(onlyProject('full') ? [] : [server(plainPort, plainDataDir, plainBaseURL, ' --plain-clearml')]),
  ],
});
