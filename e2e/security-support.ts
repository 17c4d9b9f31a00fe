import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { copyDemo } from './demo-template';

/** What a page did that it must not: dialogs, uncaught errors, console errors, CSP violations. */
export interface PageWatch {
  dialogs: string[];
  pageErrors: string[];
  consoleErrors: string[];
  cspViolations: string[];
}

/**
 * Records every dialog (and dismisses it), uncaught error, console error and Content-Security-Policy
 * violation of `page`. Call before the first goto.
 */
export async function watchPage(page: Page): Promise<PageWatch> {
  const watch: PageWatch = { dialogs: [], pageErrors: [], consoleErrors: [], cspViolations: [] };
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('pageerror', (error) => watch.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/Content.Security.Policy/i.test(text)) watch.cspViolations.push(text);
    else watch.consoleErrors.push(text);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `Content-Security-Policy violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  return watch;
}

function freePort(): number {
  return Number(
    execFileSync(process.execPath, [
      '-e',
      "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
    ]).toString(),
  );
}

export interface OwnServer {
  baseURL: string;
  stop(): Promise<void>;
}

/**
 * Starts a server of its own (a fresh copy of the demo database, unless `--no-demo`; free port), with
 * extra arguments and environment.
 */
export async function startOwnServer(args: string[], env: Record<string, string>): Promise<OwnServer> {
  const dir = mkdtempSync(join(tmpdir(), 'compare-e2e-own-'));
  // The template playwright.config.ts seeded; without one the server seeds the demo itself.
  const template = process.env['E2E_DEMO_TEMPLATE'];
  if (template && !args.includes('--no-demo')) copyDemo(template, dir);
  const port = freePort();
  const appDir = process.env['E2E_APP_DIR'] ? { COMPARE_APP_DIR: process.env['E2E_APP_DIR'] } : {};
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/src/main.ts',
      '--db',
      join(dir, 'compare.db'),
      '--files',
      join(dir, 'files'),
      '--port',
      String(port),
      ...args,
    ],
    { env: { ...process.env, ...appDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    // Seeding the demo database (without a template) on a busy machine has taken over three minutes:
    // this only bounds a server that never comes up (it is then stopped, not left running).
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`server did not start: ${output}`));
    }, 300_000);
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('running at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return {
    baseURL: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Fills the sign-in form once it has opened. The dialog moves the focus to its first field when its
 * opening ends: text typed before that (a fast test on a busy machine) lands in whichever field has
 * the focus then.
 */
export async function fillSignIn(page: Page, access: string, secret: string): Promise<void> {
  const accessKey = page.getByLabel('Access key');
  await expect(accessKey).toBeFocused({ timeout: 30_000 });
  await accessKey.fill(access);
  await page.getByLabel('Secret key').fill(secret);
  await expect(accessKey).toHaveValue(access);
}
