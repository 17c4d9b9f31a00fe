// Reads back what batchLines() wrote and tells which batches are fully there and which only partly.
import type Database from 'better-sqlite3';

export interface BatchCheck {
  full: Set<number>;
  partial: { batch: number; detail: string }[];
  /** Series whose statistics (last_metrics) disagree with their points. */
  inconsistentSeries: string[];
}

/** Run inside one read transaction, so the answer is one snapshot even while a server writes. */
export function checkBatches(db: Database.Database, task: string, points: number): BatchCheck {
  return db.transaction(() => {
    const counts = new Map<number, { a: number; b: number; log: boolean; plot: boolean }>();
    const entry = (batch: number) => {
      let e = counts.get(batch);
      if (!e) counts.set(batch, (e = { a: 0, b: 0, log: false, plot: false }));
      return e;
    };
    const rows = db
      .prepare(
        `SELECT s.variant, p.iter / CAST(? AS INTEGER) AS batch, count(*) AS n FROM scalars p JOIN scalar_series s ON s.id = p.series
        WHERE s.task = ? AND s.metric = 'crash' GROUP BY s.variant, p.iter / CAST(? AS INTEGER)`,
      )
      .all(points, task, points) as { variant: 'a' | 'b'; batch: number; n: number }[];
    for (const r of rows) entry(r.batch)[r.variant] = r.n;
    for (const msg of db.prepare('SELECT msg FROM logs WHERE task = ?').pluck().all(task) as string[])
      entry(Number(msg.split(' ')[1])).log = true;
    for (const v of db.prepare("SELECT variant FROM plots WHERE task = ? AND metric = 'batches'").pluck().all(task) as string[])
      entry(Number(v)).plot = true;
    const full = new Set<number>();
    const partial: BatchCheck['partial'] = [];
    for (const [batch, e] of counts) {
      if (e.a === points && e.b === points && e.log && e.plot) full.add(batch);
      else partial.push({ batch, detail: JSON.stringify(e) });
    }
    const inconsistentSeries: string[] = [];
    const series = db.prepare("SELECT * FROM scalar_series WHERE task = ? AND metric = 'crash'").all(task) as {
      id: number;
      variant: string;
      count: number;
      last_iter: number | null;
      value: number | null;
    }[];
    for (const s of series) {
      const actual = db.prepare('SELECT count(*) AS n, max(iter) AS last FROM scalars WHERE series = ?').get(s.id) as {
        n: number;
        last: number | null;
      };
      const lastValue =
        actual.last === null ? null : db.prepare('SELECT value FROM scalars WHERE series = ? AND iter = ?').pluck().get(s.id, actual.last);
      if (s.count !== actual.n || s.last_iter !== actual.last || s.value !== lastValue) {
        inconsistentSeries.push(
          `${s.variant}: stored count ${s.count} last ${s.last_iter}=${s.value}, points ${actual.n} last ${actual.last}=${lastValue}`,
        );
      }
    }
    return { full, partial, inconsistentSeries };
  })();
}
