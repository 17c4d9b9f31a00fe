#!/usr/bin/env node
/**
 * Fails when a file under src/app imports from a layer above its own, or from another part of
 * its own layer. Layers, lowest first (a file belongs to the first part whose path prefix it has):
 *
 *   core      API client, auth, server info, theme: depends on nothing else in the app
 *   shared    widgets and wrappers of third-party libraries
 *   url       the URL contract: compare and embed paths, router state, view option maps
 *   state     the compare page's store (compared tasks, live updates, task details)
 *   parts     pieces several compare tabs use (side-by-side grid, summary chart)
 *   features  the task table and each compare tab
 *   routes    the list of compare tabs
 *   pages     the compare page with its shell, the embed page
 *   app       the app's root: config, routes, root component
 *
 * A file may import from its own part and from any part of a lower layer. Static imports, dynamic
 * `import()` and `export ... from` count. Usage: node scripts/check-layers.mjs [root]
 */
import fs from 'node:fs';
import path from 'node:path';

export const LAYERS = [
  { name: 'core', parts: ['core/'] },
  { name: 'shared', parts: ['shared/'] },
  { name: 'url', parts: ['url/'] },
  { name: 'state', parts: ['state/'] },
  { name: 'parts', parts: ['compare/side-by-side/', 'compare/summary/'] },
  {
    name: 'features',
    parts: [
      'tasks/',
      'compare/details/',
      'compare/hyperparameters/',
      'compare/scalars/',
      'compare/metrics-plots/',
      'compare/debug-samples/',
    ],
  },
  { name: 'routes', parts: ['compare/tab-routes'] },
  { name: 'pages', parts: ['compare/', 'embed/'] },
  { name: 'app', parts: [''] },
];

/** The layer index and part of a path relative to src/app. */
export function placeOf(relative) {
  for (const [index, layer] of LAYERS.entries()) {
    const part = layer.parts.find((prefix) => relative.startsWith(prefix));
    if (part !== undefined) return { layer: index, part };
  }
  return { layer: LAYERS.length - 1, part: '' };
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every upward or sideways import under `appRoot`, as readable lines. */
export function findViolations(appRoot) {
  const walk = (dir) =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
  const problems = [];
  for (const file of walk(appRoot).filter((f) => f.endsWith('.ts'))) {
    const from = path.relative(appRoot, file).split(path.sep).join('/');
    const source = placeOf(from);
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const to = path
        .relative(appRoot, path.resolve(path.dirname(file), match[1]))
        .split(path.sep)
        .join('/');
      if (to.startsWith('..')) continue;
      const target = placeOf(to);
      const upward = target.layer > source.layer;
      const sideways = target.layer === source.layer && target.part !== source.part;
      if (upward || sideways) {
        problems.push(
          `${from} (${LAYERS[source.layer].name}) imports ${to} (${LAYERS[target.layer].name}${sideways ? ', another part of the same layer' : ''})`,
        );
      }
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('check-layers.mjs')) {
  const appRoot = path.resolve(process.argv[2] ?? path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'src', 'app'));
  const problems = findViolations(appRoot);
  for (const line of problems) console.error(line);
  if (problems.length) {
    console.error(
      `\n${problems.length} import(s) against the layering (see ARCHITECTURE.md, "The URL"). A file imports only from its own part or from lower layers.`,
    );
    process.exit(1);
  }
  console.log('layers: every import points down');
}
