import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';

/**
 * Reading MLflow's file store (mlflow/store/tracking/file_store.py):
 *   <root>/<experiment id>/meta.yaml            experiment: name, experiment_id, lifecycle_stage
 *   <root>/<experiment id>/<run id>/meta.yaml   run: run_id, run_name, status, start_time, end_time, user_id
 *   <run>/params/<key>                          the value (keys with `/` are nested folders)
 *   <run>/metrics/<key>                         lines of `timestamp value step`
 *   <run>/tags/<key>                            the value
 *   <run>/artifacts/...                         logged files
 * Deleted experiments and runs live in `.trash` (not read) or have lifecycle_stage `deleted`.
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
  runName: string;
  /** RunStatus: RUNNING, SCHEDULED, FINISHED, FAILED or KILLED. */
  status: string;
  startTime: number | null;
  endTime: number | null;
  userId: string;
  deleted: boolean;
  params: Map<string, string>;
  tags: Map<string, string>;
  /** Metric key → its lines, in file order. */
  metrics: Map<string, MetricPoint[]>;
  /** Artifact paths relative to `artifacts/`, with their sizes. */
  artifacts: { path: string; size: number }[];
  /** Lines of metric files that do not parse, for the summary. */
  badLines: string[];
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

/** The experiments of a file store (folders holding a meta.yaml), by id. */
export function listExperiments(root: string): MlflowExperiment[] {
  const out: MlflowExperiment[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dir = join(root, entry.name);
    if (!existsSync(join(dir, 'meta.yaml'))) continue;
    const meta = readYaml(join(dir, 'meta.yaml'));
    if (meta.experiment_id === undefined && meta.name === undefined) continue;
    const runDirs = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'meta.yaml')))
      .map((e) => join(dir, e.name))
      .sort();
    out.push({
      id: String(meta.experiment_id ?? entry.name),
      name: String(meta.name ?? entry.name),
      deleted: meta.lifecycle_stage === 'deleted',
      runDirs,
    });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}

/** Files under a folder, as paths relative to it with `/`, sorted. */
function filesUnder(dir: string): { path: string; size: number }[] {
  if (!existsSync(dir)) return [];
  const out: { path: string; size: number }[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) out.push({ path: relative(dir, full).split(sep).join('/'), size: statSync(full).size });
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
  const rawStatus = String(meta.status ?? '');
  const badLines: string[] = [];
  const metrics = new Map<string, MetricPoint[]>();
  for (const file of filesUnder(join(dir, 'metrics'))) {
    const points: MetricPoint[] = [];
    const lines = readFileSync(join(dir, 'metrics', file.path), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const [ts, value, step] = line.trim().split(/\s+/);
      const point = { timestamp: Number(ts), value: Number(value), step: step === undefined ? 0 : Number(step) };
      // MLflow writes NaN and ±inf as `nan`, `inf`, `-inf`.
      if (/^[-+]?nan$/i.test(value ?? '')) point.value = NaN;
      else if (/^[-+]?inf(inity)?$/i.test(value ?? '')) point.value = value.startsWith('-') ? -Infinity : Infinity;
      if (
        !Number.isFinite(point.timestamp) ||
        !Number.isInteger(point.step) ||
        value === undefined ||
        (Number.isNaN(point.value) && !/nan/i.test(value))
      ) {
        badLines.push(`${join(dir, 'metrics', file.path)} line ${i + 1}: '${line.slice(0, 80)}' is not 'timestamp value step'`);
        return;
      }
      points.push(point);
    });
    metrics.set(file.path, points);
  }
  return {
    dir,
    runId: String(meta.run_id ?? meta.run_uuid ?? dir.split(sep).pop()),
    runName: String(meta.run_name ?? ''),
    status: RUN_STATUS[rawStatus] ?? rawStatus.toUpperCase(),
    startTime: millis(meta.start_time),
    endTime: millis(meta.end_time),
    userId: String(meta.user_id ?? ''),
    deleted: meta.lifecycle_stage === 'deleted',
    params: keyValues(join(dir, 'params')),
    tags: keyValues(join(dir, 'tags')),
    metrics,
    artifacts: filesUnder(join(dir, 'artifacts')),
    badLines,
  };
}

/** What changes when anything in a run folder is written: its files' sizes and times. */
export function runSignature(dir: string): string {
  return filesUnder(dir)
    .map((f) => `${f.path}:${f.size}:${statSync(join(dir, f.path)).mtimeMs}`)
    .join('|');
}
