import type { Repositories } from '../db/repositories';
import type { DebugSampleEvent, LogEvent, PlotEvent, SingleValue } from '../db/events-repository';
import type { ScalarPoint } from '../db/scalars-repository';
import { nowIso } from '../ids';
import { ApiError } from '../api-error';
import { LIMITS } from '../http/limits';

/** ClearML's iteration for a value reported once (`report_single_value`). */
export const SINGLE_VALUE_ITER = -2147483648;

export interface BatchResult {
  added: number;
  errors: number;
  errors_info: Record<string, number>;
}

interface ParsedBatch {
  items: { index: number; event: unknown }[];
  failures: { index: number; reason: string }[];
}

/** Splits a request body into events: JSON lines text, a JSON array, or a single JSON object. */
export function parseBatchBody(body: unknown): ParsedBatch {
  const items: ParsedBatch['items'] = [];
  const failures: ParsedBatch['failures'] = [];
  if (Buffer.isBuffer(body)) body = body.toString('utf8');
  if (typeof body === 'string') {
    const trimmed = body.trim();
    let array: unknown = null;
    if (trimmed.startsWith('[')) {
      try {
        array = JSON.parse(trimmed);
      } catch {
        // Not one JSON array: read it as JSON lines (the first of which starts with '[').
      }
    }
    if (Array.isArray(array)) {
      body = array;
    } else {
      const lines = body.split('\n');
      let index = 0;
      for (const line of lines) {
        if (line.trim() === '') continue;
        try {
          items.push({ index, event: JSON.parse(line) });
        } catch {
          const reason = /\b(NaN|Infinity)\b/.test(line)
            ? 'malformed JSON line (NaN and Infinity are not JSON numbers)'
            : 'malformed JSON line';
          failures.push({ index, reason });
        }
        index++;
      }
      return { items, failures };
    }
  }
  if (Array.isArray(body)) body.forEach((event, index) => items.push({ index, event }));
  else if (body !== null && typeof body === 'object') items.push({ index: 0, event: body });
  return { items, failures };
}

type Valid =
  | { kind: 'scalar'; point: ScalarPoint }
  | { kind: 'single'; value: SingleValue }
  | { kind: 'plot'; plot: PlotEvent }
  | { kind: 'sample'; sample: DebugSampleEvent }
  | { kind: 'log'; log: LogEvent };

function text(e: Record<string, unknown>, field: string, maxLength: number = LIMITS.nameLength): string {
  const value = e[field];
  if (typeof value !== 'string') throw new Error(`'${field}' must be a string`);
  if (value.length > maxLength) throw new Error(`'${field}' is longer than ${maxLength} characters`);
  return value;
}

function iteration(e: Record<string, unknown>, required: boolean): number | null {
  const value = e.iter;
  if (value === undefined || value === null) {
    if (required) throw new Error("'iter' is required");
    return null;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > LIMITS.maxIteration) {
    throw new Error(`'iter' must be an integer of at most ${LIMITS.maxIteration} in size`);
  }
  return value;
}

function timestamp(e: Record<string, unknown>, now: number): number {
  const value = e.timestamp;
  if (value === undefined || value === null) return now;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error("'timestamp' must be a number (epoch ms)");
  return Math.round(value);
}

/** An event of a type the server does not store (such as `training_stats_vector`). */
export class UnsupportedEventType extends Error {
  constructor(readonly eventType: unknown) {
    super(`unsupported event type ${JSON.stringify(eventType ?? null)}`);
  }
}

/** Checks one event and turns it into what the repositories store. Throws with the reason. */
export function validateEvent(raw: unknown, now: number): Valid {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('event must be a JSON object');
  const e = raw as Record<string, unknown>;
  const type = e.type;
  const task = text(e, 'task');
  const ts = timestamp(e, now);
  switch (type) {
    case 'training_stats_scalar': {
      const metric = text(e, 'metric');
      const variant = text(e, 'variant');
      const iter = iteration(e, false) ?? 0;
      const value = e.value;
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error("'value' must be a finite number");
      if (iter === SINGLE_VALUE_ITER) return { kind: 'single', value: { task, metric, variant, value, ts } };
      return { kind: 'scalar', point: { task, metric, variant, iter, value, ts } };
    }
    case 'plot':
      return {
        kind: 'plot',
        plot: {
          task,
          metric: text(e, 'metric'),
          variant: text(e, 'variant'),
          iter: iteration(e, false) ?? 0,
          ts,
          plot_str: text(e, 'plot_str', Infinity),
        },
      };
    case 'training_debug_image': {
      const key = e.key === undefined || e.key === null ? null : text(e, 'key');
      return {
        kind: 'sample',
        sample: {
          task,
          metric: text(e, 'metric'),
          variant: text(e, 'variant'),
          iter: iteration(e, false) ?? 0,
          ts,
          url: text(e, 'url', Infinity),
          key,
        },
      };
    }
    case 'log': {
      const level = e.level === undefined ? 'info' : text(e, 'level');
      const msg = e.msg === undefined ? '' : text(e, 'msg', Infinity);
      const worker = typeof e.worker === 'string' ? e.worker : null;
      return { kind: 'log', log: { task, iter: iteration(e, false), ts, level, msg, worker } };
    }
    default:
      throw new UnsupportedEventType(type);
  }
}

const MAX_ERROR_DETAILS = 100;

/**
 * Stores a batch of events in one transaction. Invalid events are skipped and reported; if storing
 * fails, nothing of the batch is kept and the error propagates.
 */
export function addEventBatch(repos: Repositories, body: unknown, unsupported?: (eventType: string) => void): BatchResult {
  const now = Date.now();
  const { items, failures } = parseBatchBody(body);
  const count = items.length + failures.length;
  if (count > LIMITS.eventsPerBatch) {
    throw new ApiError(400, 12, `Validation error: too many events: ${count} in one batch, at most ${LIMITS.eventsPerBatch}`, {
      count,
      max: LIMITS.eventsPerBatch,
    });
  }
  const valid: Valid[] = [];
  const validIndex: number[] = [];
  for (const { index, event } of items) {
    try {
      valid.push(validateEvent(event, now));
      validIndex.push(index);
    } catch (error) {
      if (error instanceof UnsupportedEventType && typeof error.eventType === 'string') unsupported?.(error.eventType);
      failures.push({ index, reason: (error as Error).message });
    }
  }
  const taskOf = (v: Valid) =>
    v.kind === 'scalar'
      ? v.point.task
      : v.kind === 'single'
        ? v.value.task
        : v.kind === 'plot'
          ? v.plot.task
          : v.kind === 'sample'
            ? v.sample.task
            : v.log.task;
  const tasks = [...new Set(valid.map(taskOf))];
  const missing = new Set(repos.tasks.missing(tasks));
  const stored = missing.size
    ? valid.filter((v, i) => {
        if (!missing.has(taskOf(v))) return true;
        failures.push({ index: validIndex[i], reason: `invalid task id ${taskOf(v)}` });
        return false;
      })
    : valid;

  repos.transaction(() => {
    const scalars: ScalarPoint[] = [];
    const singles: SingleValue[] = [];
    const plots: PlotEvent[] = [];
    const samples: DebugSampleEvent[] = [];
    const logs: LogEvent[] = [];
    const lastIter = new Map<string, number>();
    const progress = (task: string, iter: number | null) => {
      const previous = lastIter.get(task);
      if (iter === null) {
        if (previous === undefined) lastIter.set(task, 0);
      } else if (previous === undefined || iter > previous) lastIter.set(task, iter);
    };
    for (const v of stored) {
      if (v.kind === 'scalar') {
        scalars.push(v.point);
        progress(v.point.task, v.point.iter);
      } else if (v.kind === 'single') {
        singles.push(v.value);
        progress(v.value.task, null);
      } else if (v.kind === 'plot') {
        plots.push(v.plot);
        progress(v.plot.task, v.plot.iter);
      } else if (v.kind === 'sample') {
        samples.push(v.sample);
        progress(v.sample.task, v.sample.iter);
      } else {
        logs.push(v.log);
        progress(v.log.task, v.log.iter);
      }
    }
    repos.scalars.addPoints(scalars);
    repos.events.addSingleValues(singles);
    repos.events.addPlots(plots);
    repos.events.addDebugSamples(samples);
    repos.events.addLogs(logs);
    const updated = nowIso();
    for (const [task, iter] of lastIter) repos.tasks.touch(task, iter, updated);
  });

  failures.sort((a, b) => a.index - b.index);
  const errorsInfo: Record<string, number> = {};
  failures.forEach(({ index, reason }, n) => {
    const key = n < MAX_ERROR_DETAILS ? `event ${index}: ${reason}` : reason;
    errorsInfo[key] = (errorsInfo[key] ?? 0) + 1;
  });
  return { added: stored.length, errors: failures.length, errors_info: errorsInfo };
}
