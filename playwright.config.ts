import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * e2e tests run against the real embedded server, on a free port, with a freshly seeded database
 * in a temporary folder, and Debian's Chromium (never a downloaded browser).
 *
 * The config is evaluated in the runner and again in each worker; the port and folder are chosen
 * once, in the runner, and handed to the workers through the environment.
 */
if (!process.env['E2E_PORT']) {
  process.env['E2E_PORT'] = execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString();
}
if (!process.env['E2E_DATA_DIR']) {
  process.env['E2E_DATA_DIR'] = mkdtempSync(join(tmpdir(), 'compare-e2e-'));
}
const port = Number(process.env['E2E_PORT']);
const dataDir = process.env['E2E_DATA_DIR'];
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env['CI'],
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env['CHROME_BIN'] || '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run',
      ],
    },
  },
  webServer: {
    // E2E_APP_DIR (optional): a build of the app other than dist/compare-tasks/browser.
    env: process.env['E2E_APP_DIR'] ? { COMPARE_APP_DIR: process.env['E2E_APP_DIR'] } : {},
    command: `node --import tsx server/src/main.ts --db "${join(dataDir, 'compare.db')}" --files "${join(dataDir, 'files')}" --port ${port}`,
    url: `${baseURL}/api/server.info`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
