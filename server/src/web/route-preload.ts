import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { withBaseHref } from './base-path';

/**
 * `<link rel="modulepreload">` tags for the code of the page (and compare tab) a URL opens, so the
 * browser fetches and compiles it while it reads the app's first scripts, instead of after the app
 * has started and asked for it (about 0.4 MB for the task table).
 *
 * The code of each lazy route is found in the build's `stats.json` (esbuild's metafile, written
 * next to the browser folder by `ng build` with `statsJson`): the output of the route's entry file
 * and every chunk it imports, less what index.html names already. The app's own first code is
 * added the same way: Angular writes at most ten preload tags for it, and a chunk it leaves out was
 * only fetched once main.js had run. Without that file, nothing is added. The entry files mirror the app's PAGE_ROUTES (app.routes.ts) and TAB_ROUTES
 * (compare/tab-routes.ts).
 */
const PAGE_ENTRIES: Record<string, string> = {
  tasks: 'src/app/tasks/tasks.routes.ts',
  'compare-tasks': 'src/app/compare/compare.routes.ts',
  embed: 'src/app/embed/embed.routes.ts',
};
const TAB_ENTRIES: Record<string, string> = {
  details: 'src/app/compare/details/details.routes.ts',
  'hyper-params': 'src/app/compare/hyperparameters/hyperparameters.routes.ts',
  scalars: 'src/app/compare/scalars/scalars.routes.ts',
  'metrics-plots': 'src/app/compare/metrics-plots/metrics-plots.routes.ts',
  'debug-images': 'src/app/compare/debug-samples/debug-samples.routes.ts',
  // Embed only: `/embed;ids=.../summary` (embed.routes.ts).
  summary: 'src/app/embed/summary-embed.ts',
};
const MAIN_ENTRY = 'src/main.ts';

interface Metafile {
  outputs: Record<string, { entryPoint?: string; imports?: { path: string; kind: string }[] }>;
}

/** The entry files whose code a URL path runs first (as the app's warmPageFor picks them). */
export function entriesFor(path: string): string[] {
  const page = path.split(/[/;?#]/)[1] || 'tasks';
  const entry = PAGE_ENTRIES[page];
  if (!entry) return [];
  if (page === 'tasks') return [entry];
  const tab = /^\/(?:compare-tasks|embed)(?:;[^/?#]*)?(?:\/([^/?#;]+))?/.exec(path)?.[1] ?? 'details';
  return TAB_ENTRIES[tab] ? [entry, TAB_ENTRIES[tab]] : [entry];
}

/** Per entry file (main.ts, pages, tabs), its output and every chunk it imports, the nearest first. */
export function chunksByEntry(metafile: Metafile): Map<string, string[]> {
  const outputsByEntry = new Map<string, string>();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (output.entryPoint && file.endsWith('.js')) outputsByEntry.set(output.entryPoint, file);
  }
  const closure = (file: string, into: Set<string>) => {
    if (into.has(file) || !metafile.outputs[file]) return;
    into.add(file);
    for (const i of metafile.outputs[file].imports ?? []) if (i.kind === 'import-statement') closure(i.path, into);
  };
  const out = new Map<string, string[]>();
  for (const entry of [MAIN_ENTRY, ...Object.values(PAGE_ENTRIES), ...Object.values(TAB_ENTRIES)]) {
    const output = outputsByEntry.get(entry);
    if (!output) continue;
    const chunks = new Set<string>();
    closure(output, chunks);
    out.set(entry, [...chunks]);
  }
  return out;
}

/** Chunk file names are the build's own (`chunk-ABCD1234.js`); anything else is not written out. */
const CHUNK_NAME = /^[\w.-]+\.js$/;

/**
 * index.html for a path (the app's own, below the base path), with the preload tags of its code
 * before the app's first script and `<base href>` set to the path the app is served under. Reads
 * index.html and stats.json again when they change (a new build), else from memory.
 */
export function createIndexPage(appDir: string, basePath = '/'): (path: string) => string {
  const indexPath = resolve(appDir, 'index.html');
  const statsPath = resolve(appDir, '..', 'stats.json');
  let cached: { key: string; html: string; chunks: Map<string, string[]>; named: Set<string> } | null = null;
  const modified = (file: string) => {
    try {
      return String(statSync(file).mtimeMs);
    } catch {
      return 'none';
    }
  };
  return (path) => {
    const key = `${modified(indexPath)}|${modified(statsPath)}`;
    if (cached?.key !== key) {
      let chunks = new Map<string, string[]>();
      try {
        chunks = chunksByEntry(JSON.parse(readFileSync(statsPath, 'utf8')) as Metafile);
      } catch {
        // No stats.json (or not one we can read): the page loads its code as it goes.
      }
      const html = withBaseHref(readFileSync(indexPath, 'utf8'), basePath);
      // What index.html loads or preloads itself.
      const named = new Set([...html.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((m) => m[1]));
      cached = { key, html, chunks, named };
    }
    const files = [...new Set([MAIN_ENTRY, ...entriesFor(path)].flatMap((entry) => cached!.chunks.get(entry) ?? []))].filter(
      (f) => CHUNK_NAME.test(f) && !cached!.named.has(f),
    );
    if (!files.length) return cached.html;
    const tags = files.map((file) => `<link rel="modulepreload" href="${file}">`).join('');
    const at = cached.html.search(/<script\b[^>]*\btype="module"/);
    return at < 0 ? cached.html : cached.html.slice(0, at) + tags + cached.html.slice(at);
  };
}
