// node --test scripts/check-layers.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { findViolations, placeOf } from './check-layers.mjs';

const appRoot = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'src', 'app');

test('every import under src/app points to its own part or a lower layer', () => {
  assert.deepEqual(findViolations(appRoot), []);
});

test('an upward, a sideways and a dynamic import are each reported', (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (file, text) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('core/api/client.ts', "import { x } from '../../state/compare/feature';\n");
  write('state/compare/feature.ts', "import { y } from '../../core/api/client';\nexport const x = 1;\n");
  write('tasks/page.ts', "export { z } from '../compare/scalars/tab';\n");
  write('compare/scalars/tab.ts', "const load = () => import('../../embed/embed.routes');\nexport const z = 1;\n");
  write('embed/embed.routes.ts', '');
  const problems = findViolations(root);
  assert.equal(problems.length, 3, problems.join('\n'));
  assert.match(problems.join('\n'), /core\/api\/client\.ts \(core\) imports state\/compare\/feature \(state\)/);
  assert.match(problems.join('\n'), /tasks\/page\.ts \(features\) imports compare\/scalars\/tab \(features, another part/);
  assert.match(problems.join('\n'), /compare\/scalars\/tab\.ts \(features\) imports embed\/embed\.routes \(pages\)/);
});

test('a file belongs to the first part whose prefix it has', () => {
  assert.equal(placeOf('compare/tab-routes.ts').part, 'compare/tab-routes');
  assert.equal(placeOf('compare/compare-page.ts').part, 'compare/');
  assert.equal(placeOf('compare/summary/summary-chart.ts').part, 'compare/summary/');
  assert.equal(placeOf('app.routes.ts').part, '');
});
