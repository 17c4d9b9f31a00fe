/**
 * Writes the Plotly builds the app loads (angular.json copies them to plotly/ beside the app) from
 * their npm packages, each opened by V8's compile hint `//# allFunctionsCalledOnLoad`: the browser
 * then compiles the whole build while it downloads, off the main thread, instead of function by
 * function as Plotly starts and draws, and a fresh page's task evaluating the build is a fraction of
 * what it is without the hint. Run by `npm install` (postinstall) and before each build.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'node_modules/.cache/plotly-builds');
const BUILDS = [
  ['plotly.js-basic-dist-min', 'plotly-basic.min.js'],
  ['plotly.js-cartesian-dist-min', 'plotly-cartesian.min.js'],
  ['plotly.js-dist-min', 'plotly.min.js'],
];
const HINT = '//# allFunctionsCalledOnLoad\n';

mkdirSync(OUT, { recursive: true });
for (const [pkg, file] of BUILDS) {
  const code = readFileSync(join(ROOT, 'node_modules', pkg, file));
  // Written aside and renamed: a build reading the folder meanwhile (npm test runs two) sees the old file or the new one, never half of one.
  const aside = join(OUT, `${file}.${process.pid}.tmp`);
  writeFileSync(aside, Buffer.concat([Buffer.from(HINT), code]));
  renameSync(aside, join(OUT, file));
}
