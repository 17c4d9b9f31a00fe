// Runs every server test file (server/test/**/*.test.ts) in this one process, each as a suite named
// for its file, one after another. `node --test` over the files would start a process per file, and
// starting one (Node, the TypeScript loader, the server's modules, a first app) costs about as much
// CPU as the average file's tests. Each file still runs alone: `node --import tsx --test <file>`.
// A file's top-level hooks (before/after) attach to its suite, so a file's set-up and tear-down run
// around its own tests only.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(path);
    return entry.isFile() && entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

for (const file of testFiles(__dirname).sort()) {
  // Loaded inside the suite's callback, so the file's tests and hooks are registered in that suite.
  describe(relative(join(__dirname, '../..'), file), () => {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a test file is loaded for its registrations, synchronously
      require(file);
    } catch (error) {
      // A file that does not load counts as a failed test, as it did in a process of its own.
      it('loads', () => {
        throw error;
      });
    }
  });
}
