import type { Db } from './database';

export interface PlotEvent {
  task: string;
  metric: string;
  variant: string;
  iter: number;
  ts: number;
  plot_str: string;
}

export interface DebugSampleEvent {
  task: string;
  metric: string;
  variant: string;
  iter: number;
  ts: number;
  url: string;
  key: string | null;
}

export interface LogEvent {
  task: string;
  iter: number | null;
  ts: number;
  level: string;
  msg: string;
  worker: string | null;
}

export interface SingleValue {
  task: string;
  metric: string;
  variant: string;
  value: number;
  ts: number;
}

export interface MetricVariant {
  metric: string;
  variant: string;
}

export type EventsRepository = ReturnType<typeof createEventsRepository>;

/** Plots, debug samples, logs and single-value scalars. */
export function createEventsRepository(db: Db) {
  const insertPlot = db.prepare(
    'INSERT OR REPLACE INTO plots (task, metric, variant, iter, ts, plot_str) VALUES (@task, @metric, @variant, @iter, @ts, @plot_str)',
  );
  const insertSample = db.prepare(
    'INSERT OR REPLACE INTO debug_samples (task, metric, variant, iter, ts, url, key) VALUES (@task, @metric, @variant, @iter, @ts, @url, @key)',
  );
  const insertLog = db.prepare('INSERT INTO logs (task, iter, ts, level, msg, worker) VALUES (@task, @iter, @ts, @level, @msg, @worker)');
  const insertSingle = db.prepare(
    'INSERT OR REPLACE INTO single_values (task, metric, variant, value, ts) VALUES (@task, @metric, @variant, @value, @ts)',
  );
  const singleValuesOfTask = db.prepare(
    'SELECT task, metric, variant, value, ts FROM single_values WHERE task = ? ORDER BY metric, variant',
  );
  const plotVariants = db.prepare('SELECT DISTINCT metric, variant FROM plots WHERE task = ? ORDER BY metric, variant');
  const sampleVariants = db.prepare('SELECT DISTINCT metric, variant FROM debug_samples WHERE task = ? ORDER BY metric, variant');
  const lastPlotIters = db
    .prepare('SELECT DISTINCT iter FROM plots WHERE task = ? AND metric = ? AND variant = ? ORDER BY iter DESC LIMIT ?')
    .pluck();
  const plotsAt = db.prepare('SELECT * FROM plots WHERE task = ? AND metric = ? AND variant = ? AND iter = ?');
  const plotsOfVariant = db.prepare('SELECT * FROM plots WHERE task = ? AND metric = ? AND variant = ? ORDER BY iter DESC LIMIT ?');
  const samplesOfTask = db.prepare('SELECT * FROM debug_samples WHERE task = ? ORDER BY iter DESC, metric, variant');
  const samplesOfMetric = db.prepare('SELECT * FROM debug_samples WHERE task = ? AND metric = ? ORDER BY iter DESC, metric, variant');
  const anySample = db.prepare('SELECT 1 FROM debug_samples LIMIT 1').pluck();
  const sampleAt = db.prepare('SELECT * FROM debug_samples WHERE task = ? AND metric = ? AND variant = ? AND iter = ?');
  const latestSample = db.prepare('SELECT * FROM debug_samples WHERE task = ? AND metric = ? AND variant = ? ORDER BY iter DESC LIMIT 1');
  const sampleIterRange = db.prepare(
    'SELECT min(iter) AS min_iteration, max(iter) AS max_iteration FROM debug_samples WHERE task = ? AND metric = ? AND variant = ?',
  );
  const metricIterRange = db.prepare(
    'SELECT min(iter) AS min_iteration, max(iter) AS max_iteration FROM debug_samples WHERE task = ? AND metric = ?',
  );
  const deletePlotsOfVariant = db.prepare('DELETE FROM plots WHERE task = ? AND metric = ? AND variant = ?');
  const logsOfTask = db.prepare('SELECT * FROM logs WHERE task = ? ORDER BY ts, id LIMIT ?');
  const moves = [
    ['plots', 'metric, variant, iter, ts, plot_str'],
    ['debug_samples', 'metric, variant, iter, ts, url, key'],
    ['single_values', 'metric, variant, value, ts'],
  ].map(([table, columns]) => ({
    copy: db.prepare(`INSERT OR REPLACE INTO ${table} (task, ${columns}) SELECT ?, ${columns} FROM ${table} WHERE task = ?`),
    remove: db.prepare(`DELETE FROM ${table} WHERE task = ?`),
  }));
  const deletions = ['plots', 'debug_samples', 'logs', 'single_values'].map((table) => db.prepare(`DELETE FROM ${table} WHERE task = ?`));

  return {
    addPlots(events: readonly PlotEvent[]): void {
      for (const e of events) insertPlot.run(e);
    },
    /** Removes a variant's plots (an importer replacing the plot of an earlier last step). */
    deletePlots(task: string, metric: string, variant: string): void {
      deletePlotsOfVariant.run(task, metric, variant);
    },
    addDebugSamples(events: readonly DebugSampleEvent[]): void {
      for (const e of events) insertSample.run(e);
    },
    addLogs(events: readonly LogEvent[]): void {
      for (const e of events) insertLog.run(e);
    },
    addSingleValues(values: readonly SingleValue[]): void {
      for (const v of values) insertSingle.run(v);
    },
    singleValues(task: string): SingleValue[] {
      return singleValuesOfTask.all(task) as SingleValue[];
    },
    plotVariants(task: string): MetricVariant[] {
      return plotVariants.all(task) as MetricVariant[];
    },
    debugSampleVariants(task: string): MetricVariant[] {
      return sampleVariants.all(task) as MetricVariant[];
    },
    /** The plots of the last `iters` iterations of one variant, newest first. */
    lastPlots(task: string, metric: string, variant: string, iters: number): PlotEvent[] {
      const iterations = lastPlotIters.all(task, metric, variant, iters) as number[];
      return iterations.flatMap((iter) => plotsAt.all(task, metric, variant, iter) as PlotEvent[]);
    },
    plots(task: string, metric: string, variant: string, limit: number): PlotEvent[] {
      return plotsOfVariant.all(task, metric, variant, limit) as PlotEvent[];
    },
    /** Debug samples of a task (optionally one metric), newest iteration first. */
    /** Whether any debug sample was ever stored (clearml-server answers nothing before its index exists). */
    hasDebugSamples(): boolean {
      return anySample.get() !== undefined;
    },
    debugSamples(task: string, metric: string | null): DebugSampleEvent[] {
      return (metric === null ? samplesOfTask.all(task) : samplesOfMetric.all(task, metric)) as DebugSampleEvent[];
    },
    debugSample(task: string, metric: string, variant: string, iter: number | null): DebugSampleEvent | null {
      const row = iter === null ? latestSample.get(task, metric, variant) : sampleAt.get(task, metric, variant, iter);
      return (row as DebugSampleEvent | undefined) ?? null;
    },
    debugSampleIterRange(task: string, metric: string, variant: string | null) {
      return (variant === null ? metricIterRange.get(task, metric) : sampleIterRange.get(task, metric, variant)) as {
        min_iteration: number | null;
        max_iteration: number | null;
      };
    },
    logs(task: string, limit: number): LogEvent[] {
      return logsOfTask.all(task, limit) as LogEvent[];
    },
    deleteTask(task: string): void {
      for (const statement of deletions) statement.run(task);
    },
    /** Moves the plots, debug samples and single values written under one task id to another (replacing equal keys). */
    moveTask(from: string, to: string): void {
      for (const { copy, remove } of moves) {
        copy.run(to, from);
        remove.run(from);
      }
    },
  };
}
