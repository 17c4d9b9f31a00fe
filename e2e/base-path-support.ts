import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The path the base-path specs serve the app under, and where its build goes. */
export const BASE_PATH = '/compare/';
export const BASE_BUILD_DIR = 'dist/compare-base';

const mtime = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : -1);

/**
 * The app as `ng build --base-href /compare/` builds it (browser folder): the main build with the
 * `<base href>` of its index.html set to BASE_PATH, which is the only file that option changes (the
 * bundles are the same), so it is made from the main build in a moment instead of built again. It is
 * made again when it is missing or older than the main build. E2E_BASE_APP_DIR names another one.
 */
export function baseBuild(): string {
  if (process.env['E2E_BASE_APP_DIR']) return resolve(process.env['E2E_BASE_APP_DIR']);
  const browser = resolve(BASE_BUILD_DIR, 'browser');
  const main = resolve(process.env['E2E_APP_DIR'] ?? 'dist/compare-tasks/browser');
  const built = mtime(join(browser, 'index.html'));
  if (built >= 0 && built >= mtime(join(main, 'index.html'))) return browser;
  const index = readFileSync(join(main, 'index.html'), 'utf8');
  const bases = index.match(/<base href="[^"]*">/g) ?? [];
  if (bases.length !== 1) throw new Error(`${main}/index.html has ${bases.length} <base href> elements, expected one`);
  // Made aside and renamed into place: a run never serves half a copy.
  mkdirSync(dirname(browser), { recursive: true });
  const work = mkdtempSync(join(dirname(browser), '.browser-'));
  cpSync(main, work, { recursive: true });
  writeFileSync(join(work, 'index.html'), index.replace(bases[0], `<base href="${BASE_PATH}">`));
  rmSync(browser, { recursive: true, force: true });
  renameSync(work, browser);
  return browser;
}
