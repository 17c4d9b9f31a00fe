import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Repositories } from '../db/repositories';
import { PointColumns } from '../db/scalar-columns';
import type { TaskFields } from '../db/tasks-repository';
import { resolveStoragePath } from '../files/storage-path';

/** Where an import writes: the server's database (through its repositories) and files folder. */
export interface ImportTarget {
  repos: Repositories;
  filesDir: string;
  /** Scalar points through `scalars.addSeriesPoints` instead of the bulk path (the reference the bulk path is compared with). */
  pointByPoint?: boolean;
  /** Points buffered before they are written (FLUSH_POINTS unless set). */
  flushPoints?: number;
}

/** What an import did, for the summary printed at the end. */
export class ImportSummary {
  tasksCreated = 0;
  tasksUpdated = 0;
  series = 0;
  points = 0;
  samples = 0;
  plots = 0;
  artifacts = 0;
  /** Reasons something was not imported, with how often. */
  readonly skipped = new Map<string, number>();
  /** Corrupt or truncated input, with where. */
  readonly problems: string[] = [];

  skip(reason: string, times = 1): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + times);
  }

  lines(): string[] {
    const n = (x: number) => x.toLocaleString('en-US');
    const out = [
      `${n(this.tasksCreated)} tasks created, ${n(this.tasksUpdated)} updated; ${n(this.series)} scalar series, ` +
        `${n(this.points)} new points, ${n(this.samples)} debug samples, ${n(this.plots)} plots, ${n(this.artifacts)} artifacts`,
    ];
    for (const [reason, times] of this.skipped) out.push(`skipped ${n(times)}x: ${reason}`);
    for (const problem of this.problems) out.push(`problem: ${problem}`);
    return out;
  }
}

/** A stable task (or project) id from a source's own run id: 32 hex characters, as ClearML's ids. */
export function stableId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000'), 'utf8').digest('hex').slice(0, 32);
}

/** ClearML's split of a TensorBoard-style tag: `loss/train` → metric `loss`, variant `train`; no slash → both the tag. */
export function metricVariant(tag: string): { metric: string; variant: string } {
  const slash = tag.lastIndexOf('/');
  if (slash <= 0 || slash === tag.length - 1) return { metric: tag, variant: tag };
  return { metric: tag.slice(0, slash), variant: tag.slice(slash + 1) };
}

/** The id of the project with this name, created when there is none. */
export function ensureProject(target: ImportTarget, name: string, description: string, now: string): string {
  const { repos } = target;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = repos.projects.query({ name: `^${escaped}$` }).find((p) => p.name === name);
  if (found) return found.id;
  const id = stableId('project', name);
  if (!repos.projects.get(id)) repos.projects.insert({ id, name, description, created: now, last_update: now });
  return id;
}

/** Creates the task, or updates the one an earlier import of the same run made. */
export function upsertTask(
  target: ImportTarget,
  id: string,
  fields: TaskFields & { name: string; created: string },
): 'created' | 'updated' {
  const { repos } = target;
  if (repos.tasks.exists(id)) {
    repos.tasks.update(id, fields);
    return 'updated';
  }
  repos.tasks.insert(id, { type: 'training', status: 'completed', last_update: fields.created, last_change: fields.created, ...fields });
  return 'created';
}

/** Points buffered across series before they are written (bounds memory, and a write transaction, on large runs). */
const FLUSH_POINTS = 100_000;

/** One series of a SeriesWriter: what it held before, and its points not written yet. */
export interface SeriesHandle {
  readonly metric: string;
  readonly variant: string;
  /** The last iteration the series held when the writer was made (-Infinity: none). */
  readonly last: number;
  readonly points: PointColumns;
}

/**
 * Scalar points of one task, written in blocks. A series keeps only the points after the last
 * iteration it already held when the writer was made, so importing a run again adds only
 * appended steps (and duplicates nothing). The points are written under `writeTask` (the task
 * itself unless a staging id is given: see RunStaging).
 */
export class SeriesWriter {
  private readonly known = new Map<string, number>();
  private readonly handles = new Map<string, SeriesHandle>();
  /** Points gathered and not written yet. */
  buffered = 0;
  lastIteration = 0;

  constructor(
    private readonly target: ImportTarget,
    private readonly task: string,
    private readonly summary: ImportSummary,
    private readonly writeTask = task,
  ) {
    for (const s of target.repos.scalars.seriesOfTasks([task])) {
      this.known.set(`${s.metric}\u0000${s.variant}`, s.last_iter ?? -Infinity);
      if ((s.last_iter ?? 0) > this.lastIteration) this.lastIteration = s.last_iter!;
    }
  }

  /** The handle of a series (look it up once per tag, then `push` to it). */
  series(metric: string, variant: string): SeriesHandle {
    const key = `${metric}\u0000${variant}`;
    let handle = this.handles.get(key);
    if (!handle) {
      const last = this.known.get(key);
      if (last === undefined) this.summary.series++;
      this.handles.set(key, (handle = { metric, variant, last: last ?? -Infinity, points: new PointColumns() }));
    }
    return handle;
  }

  push(series: SeriesHandle, iter: number, value: number, ts: number): void {
    if (iter <= series.last) return;
    if (!Number.isFinite(value)) {
      this.summary.skip('scalar points that are NaN or infinite');
      return;
    }
    series.points.push(iter, value, ts);
    if (iter > this.lastIteration) this.lastIteration = iter;
    this.buffered++;
  }

  /** Adds a point; writes the buffered points once enough gathered. */
  add(metric: string, variant: string, iter: number, value: number, ts: number): void {
    this.push(this.series(metric, variant), iter, value, ts);
    this.flushIfFull();
  }

  /** Writes the buffered points once enough gathered (`push` never writes: call this between records). */
  flushIfFull(): void {
    if (this.full) this.flush();
  }

  /** Whether enough points gathered to be written. */
  get full(): boolean {
    return this.buffered >= (this.target.flushPoints ?? FLUSH_POINTS);
  }

  flush(): void {
    for (const s of this.handles.values()) {
      if (!s.points.length) continue;
      const { scalars } = this.target.repos;
      if (this.target.pointByPoint) scalars.addSeriesPoints(this.writeTask, s.metric, s.variant, s.points.toPoints());
      else scalars.appendSeriesColumns(this.writeTask, s.metric, s.variant, s.points);
      this.summary.points += s.points.length;
      s.points.clear();
    }
    this.buffered = 0;
  }
}

/** A file path segment from a name (tags, run names): no separators, nothing hidden. */
export function safeSegment(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._=-]+/g, '_').replace(/^\.+/, '_');
  return cleaned.slice(0, 120) || '_';
}

/** Stores bytes under the files folder; returns the URL the server serves them at. */
export function storeFile(target: ImportTarget, relativePath: string, bytes: Uint8Array): string {
  const { relative, absolute } = resolveStoragePath(target.filesDir, relativePath);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, bytes);
  return `/files/${relative.split('/').map(encodeURIComponent).join('/')}`;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
