/**
 * npm run backup -- <target file> [--db FILE]
 *
 * Copies the database (default data/compare.db, or COMPARE_DB) to <target> while the server may be
 * running. Restore: stop the server, delete the database's -wal and -shm files, copy the backup over
 * the database file, start the server.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupDatabase } from './backup';

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { db: { type: 'string', default: process.env.COMPARE_DB ?? 'data/compare.db' } },
  });
  if (positionals.length !== 1) throw new Error('Usage: npm run backup -- <target file> [--db FILE]');
  const source = resolve(values.db!);
  const target = resolve(positionals[0]);
  if (source === target) throw new Error('The backup target is the database itself');
  const result = await backupDatabase(source, target);
  console.log(
    `Backed up ${source} to ${target}: ${(result.bytes / 1024 / 1024).toFixed(1)} MB (${result.pages} pages) ` +
      `in ${result.ms} ms, integrity ok${result.restarts ? `, restarted ${result.restarts} time(s) after concurrent writes` : ''}`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
