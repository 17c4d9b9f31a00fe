import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The path the base-path specs serve the app under, and where its build goes. */
export const BASE_PATH = '/compare/';
export const BASE_BUILD_DIR = 'dist/compare-base';

const mtime = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : -1);

/**
 * The app built with `ng build --base-href /compare/` (browser folder). `npm test` builds it after
 * the main build; run alone, a spec builds it here when it is missing or older than the main build.
 * E2E_BASE_APP_DIR names another one.
 */
export function baseBuild(): string {
  if (process.env['E2E_BASE_APP_DIR']) return resolve(process.env['E2E_BASE_APP_DIR']);
  const browser = resolve(BASE_BUILD_DIR, 'browser');
  const main = join(process.env['E2E_APP_DIR'] ?? 'dist/compare-tasks/browser', 'index.html');
  const built = mtime(join(browser, 'index.html'));
  if (built < 0 || built < mtime(main)) {
    execFileSync('npx', ['ng', 'build', '--no-progress', '--base-href', BASE_PATH, '--output-path', BASE_BUILD_DIR], { stdio: 'inherit' });
  }
  return browser;
}
