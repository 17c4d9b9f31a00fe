/**
 * The line every bench prints per target, collected by `npm run bench` (bench/run.ts):
 *   RESULT | <what> | <measured with unit> | <target> | PASS|FAIL
 */
export type Direction = 'max' | 'min';

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 || Number.isInteger(value) ? 0 : abs >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** Prints a RESULT line; `direction` 'max' means the value must be ≤ target, 'min' ≥ target. */
export function result(what: string, value: number, unit: string, target: number, direction: Direction = 'max'): boolean {
  const pass = direction === 'max' ? value <= target : value >= target;
  const sign = direction === 'max' ? '≤' : '≥';
  console.log(`RESULT | ${what} | ${format(value)} ${unit} | ${sign} ${format(target)} ${unit} | ${pass ? 'PASS' : 'FAIL'}`);
  return pass;
}

/** Parses RESULT lines out of a bench's output. */
export interface ResultRow {
  what: string;
  measured: string;
  target: string;
  status: string;
}

export function parseResults(output: string): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const line of output.split('\n')) {
    const m = /^RESULT \| (.+?) \| (.+?) \| (.+?) \| (PASS|FAIL)\s*$/.exec(line.trim());
    if (m) rows.push({ what: m[1], measured: m[2], target: m[3], status: m[4] });
  }
  return rows;
}
