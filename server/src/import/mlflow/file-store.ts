import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/**
 * Reading MLflow's file store (mlflow/store/tracking/file_store.py):
 *   <root>/<experiment id>/meta.yaml            experiment: name, experiment_id, lifecycle_stage
 *   <root>/<experiment id>/<run id>/meta.yaml   run: run_id, run_name, status, start_time, end_time, user_id
 *   <run>/params/<key>                          the value (keys with `/` are nested folders)
 *   <run>/metrics/<key>                         lines of `timestamp value step` (keys with `/` are nested folders)
 *   <run>/tags/<key>                            the value (keys with `/` are nested folders)
 *   <run>/artifacts/...                         logged files (or where the run's artifact_uri points)
 * Deleting an experiment moves its folder to `<root>/.trash/` (lifecycle_stage `deleted` in its
 * meta.yaml and its runs'); a deleted run stays in place with lifecycle_stage `deleted`.
 */

export interface MlflowExperiment {
  id: string;
  name: string;
  deleted: boolean;
  runDirs: string[];
}

export interface MlflowRun {
  dir: string;
  runId: string;
  /** The experiment its meta.yaml names (null: none named). */
  experimentId: string | null;
  runName: string;
  /** RunStatus: RUNNING, SCHEDULED, FINISHED, FAILED or KILLED. */
  status: string;
  startTime: number | null;
  endTime: number | null;
  userId: string;
  deleted: boolean;
  params: Map<string, string>;
  tags: Map<string, string>;
  /** Metric files: key (`a/b` for a file in a subfolder) and path, read with readMetricLines. */
  metricFiles: { key: string; path: string; size: number }[];
  /** The folder of the run's artifacts: `<run>/artifacts`, or where meta.yaml's artifact_uri points on this machine. */
  artifactsDir: string;
  /** Artifact paths relative to artifactsDir, with their sizes. */
  artifacts: { path: string; size: number; mtimeMs: number }[];
}

export interface MetricPoint {
  timestamp: number;
  value: number;
  step: number;
}

/** mlflow.entities.RunStatus numbers, as meta.yaml stores them. */
const RUN_STATUS: Record<string, string> = { '1': 'RUNNING', '2': 'SCHEDULED', '3': 'FINISHED', '4': 'FAILED', '5': 'KILLED' };

function readYaml(path: string): Record<string, unknown> {
  const parsed = parseYaml(readFileSync(path, 'utf8')) as unknown;
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

/**
 * The experiments of a file store (folders holding a meta.yaml), by id; those MLflow moved to
 * `.trash` when they were deleted are listed as deleted.
 */
export function listExperiments(root: string): MlflowExperiment[] {
  const out = [...experimentsIn(root, false), ...experimentsIn(join(root, TRASH), true)];
  return out.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}

/** `.trash`: deleted experiments; `models`: the model registry's own folders. */
const TRASH = '.trash';
const NOT_EXPERIMENTS = new Set([TRASH, 'models']);

function experimentsIn(folder: string, trashed: boolean): MlflowExperiment[] {
  if (!existsSync(folder)) return [];
  const out: MlflowExperiment[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || NOT_EXPERIMENTS.has(entry.name)) continue;
    const dir = join(folder, entry.name);
    if (!existsSync(join(dir, 'meta.yaml'))) continue;
    const meta = readYaml(join(dir, 'meta.yaml'));
    if (meta.experiment_id === undefined && meta.name === undefined) continue;
    // Run folders hold a meta.yaml; an experiment's `tags`, `datasets` and `traces` folders do not.
    const runDirs = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'meta.yaml')))
      .map((e) => join(dir, e.name))
      .sort();
    out.push({
      id: String(meta.experiment_id ?? entry.name),
      name: String(meta.name ?? entry.name),
      deleted: trashed || meta.lifecycle_stage === 'deleted',
      runDirs,
    });
  }
  return out;
}

/** Files under a folder, as paths relative to it with `/`, sorted. */
function filesUnder(dir: string): { path: string; size: number; mtimeMs: number }[] {
  if (!existsSync(dir)) return [];
  const out: { path: string; size: number; mtimeMs: number }[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) {
        const { size, mtimeMs } = statSync(full);
        out.push({ path: relative(dir, full).split(sep).join('/'), size, mtimeMs });
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

function keyValues(dir: string): Map<string, string> {
  return new Map(filesUnder(dir).map((f) => [f.path, readFileSync(join(dir, f.path), 'utf8')]));
}

function millis(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

export function readRun(dir: string): MlflowRun {
  const meta = readYaml(join(dir, 'meta.yaml'));
  // A meta.yaml without a status is a run MLflow reads as RUNNING.
  const rawStatus = String(meta.status ?? '1');
  const artifactsDir = artifactsFolder(dir, meta.artifact_uri);
  return {
    dir,
    runId: String(meta.run_id ?? meta.run_uuid ?? dir.split(sep).pop()),
    experimentId: meta.experiment_id === undefined || meta.experiment_id === null ? null : String(meta.experiment_id),
    runName: String(meta.run_name ?? ''),
    status: RUN_STATUS[rawStatus] ?? rawStatus.toUpperCase(),
    startTime: millis(meta.start_time),
    endTime: millis(meta.end_time),
    userId: String(meta.user_id ?? ''),
    deleted: meta.lifecycle_stage === 'deleted',
    params: keyValues(join(dir, 'params')),
    tags: keyValues(join(dir, 'tags')),
    metricFiles: metricFilesOf(dir),
    artifactsDir,
    artifacts: filesUnder(artifactsDir),
  };
}

/**
 * The run's artifacts folder: `<run>/artifacts` (the file store's default), else a local
 * artifact_uri (a server started with another --default-artifact-root) when it exists here.
 */
function artifactsFolder(runDir: string, artifactUri: unknown): string {
  const inRun = join(runDir, 'artifacts');
  if (existsSync(inRun) || typeof artifactUri !== 'string') return inRun;
  let local: string | null = null;
  if (artifactUri.startsWith('file://')) {
    try {
      local = fileURLToPath(artifactUri);
    } catch {
      local = null;
    }
  } else if (isAbsolute(artifactUri)) {
    local = artifactUri;
  }
  return local && existsSync(local) && statSync(local).isDirectory() ? local : inRun;
}

/** A run's metric files: key (`a/b` for a file in a subfolder), path and size. */
export function metricFilesOf(runDir: string): { key: string; path: string; size: number }[] {
  const metricsDir = join(runDir, 'metrics');
  return filesUnder(metricsDir).map((f) => ({ key: f.path, path: join(metricsDir, f.path), size: f.size }));
}

/** Bytes of a metric file read at once: memory stays bounded whatever the file's size. */
const METRIC_BLOCK = 1 << 20;
/** A line longer than this is not a metric line (`timestamp value step` takes under 80 characters). */
const MAX_LINE = 4096;

/** Python's float() of a line's `value` field (MLflow writes NaN and ±inf as `nan`, `inf`, `-inf`); null when it is not a number. */
function metricValue(text: string): number | null {
  const n = Number(text);
  if (!Number.isNaN(n)) return n;
  if (/^[-+]?nan$/i.test(text)) return NaN;
  if (/^[-+]?inf(inity)?$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return null;
}

/**
 * Parses one line of a metric file, `timestamp value step` (or `timestamp value` from MLflow
 * before steps, step 0); null when it is not one.
 */
export function parseMetricLine(line: string): MetricPoint | null {
  const parts = line.trim().split(' ');
  if (parts.length !== 2 && parts.length !== 3) return null;
  if (parts[0] === '' || parts[1] === '' || parts[2] === '') return null;
  const timestamp = Number(parts[0]);
  const step = parts.length === 3 ? Number(parts[2]) : 0;
  const value = metricValue(parts[1]);
  if (value === null || !Number.isInteger(timestamp) || !Number.isInteger(step)) return null;
  return { timestamp, value, step };
}

export interface MetricReadOptions {
  /** Byte offset to start at (the end of the last line read before). */
  from: number;
  /** Also read a last line without its newline (not while a watched run may still be writing it). */
  final: boolean;
  point: (timestamp: number, value: number, step: number) => void;
  /** A line that does not parse, with the byte offset it starts at. */
  badLine: (offset: number, line: string) => void;
  /** After each block read: bytes read so far. */
  onBytes?: (bytes: number) => void;
}

/**
 * Streams the lines of a metric file from `from`, a block at a time; returns the offset after
 * the last line read (where the next read of the file, when it grew, starts).
 */
export function readMetricLines(path: string, options: MetricReadOptions): number {
  const fd = openSync(path, 'r');
  const block = Buffer.allocUnsafe(METRIC_BLOCK);
  let offset = options.from;
  // Metric lines are ASCII; read as latin1 (a character per byte), string offsets are byte offsets.
  let carry = '';
  let skipping = false;
  try {
    for (;;) {
      const read = readSync(fd, block, 0, METRIC_BLOCK, offset + carry.length);
      if (read === 0) break;
      const text = carry + block.toString('latin1', 0, read);
      let start = 0;
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        // The rest of an overlong line (reported when it passed MAX_LINE) is not a line of its own.
        if (!skipping && !readPlainLine(text, start, end, options.point)) visitLine(text.slice(start, end), offset + start, options);
        skipping = false;
        start = end + 1;
      }
      offset += start;
      carry = text.slice(start);
      if (carry.length > MAX_LINE) {
        if (!skipping) options.badLine(offset, carry);
        skipping = true;
        offset += carry.length;
        carry = '';
      }
      options.onBytes?.(offset - options.from);
    }
    if (options.final && carry.trim() !== '' && !skipping) {
      visitLine(carry, offset, options);
      offset += carry.length;
      options.onBytes?.(offset - options.from);
    }
  } finally {
    closeSync(fd);
  }
  return offset;
}

/** Digits of an integer field read without a string (a millisecond time has 13). */
const MAX_DIGITS = 15;

/**
 * The common line, `<integer> <number> <integer>`, read in place (no string per field but the
 * value's); false for anything else, which parseMetricLine then decides.
 */
function readPlainLine(text: string, start: number, end: number, point: MetricReadOptions['point']): boolean {
  let i = start;
  const negativeTs = text.charCodeAt(i) === 45;
  if (negativeTs) i++;
  let timestamp = 0;
  const tsStart = i;
  for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) timestamp = timestamp * 10 + (c - 48);
  if (i === tsStart || i - tsStart > MAX_DIGITS || text.charCodeAt(i) !== 32) return false;
  const valueStart = i + 1;
  const space = text.indexOf(' ', valueStart);
  if (space === -1 || space >= end || space === valueStart) return false;
  const value = Number(text.slice(valueStart, space));
  if (Number.isNaN(value)) return false;
  i = space + 1;
  const negativeStep = text.charCodeAt(i) === 45;
  if (negativeStep) i++;
  let step = 0;
  const stepStart = i;
  for (let c = text.charCodeAt(i); c >= 48 && c <= 57 && i < end; c = text.charCodeAt(++i)) step = step * 10 + (c - 48);
  if (i !== end || i === stepStart || i - stepStart > MAX_DIGITS) return false;
  point(negativeTs ? -timestamp : timestamp, value, negativeStep ? -step : step);
  return true;
}

function visitLine(line: string, offset: number, options: MetricReadOptions): void {
  if (line.trim() === '') return;
  const point = parseMetricLine(line);
  if (point) options.point(point.timestamp, point.value, point.step);
  else options.badLine(offset, line);
}

/** What changes when anything in a run folder is written: its files' sizes and times. */
export function runSignature(dir: string): string {
  return filesUnder(dir)
    .map((f) => `${f.path}:${f.size}:${statSync(join(dir, f.path)).mtimeMs}`)
    .join('|');
}
