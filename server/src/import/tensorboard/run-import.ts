import type { DebugSampleEvent, PlotEvent } from '../../db/events-repository';
import type { TaskFields } from '../../db/tasks-repository';
import { decodeEvent, decodeScalarEvent, type HistogramBucket, type ScalarVisitor, type TbItem } from './events';
import { histogramFigure, textFigure } from './figures';
import type { RunFiles } from './log-dir';
import { RunStaging } from '../staging';
import { TfRecordReader } from './tfrecord';
import {
  iso,
  metricVariant,
  safeSegment,
  type SeriesHandle,
  stableId,
  storeFile,
  upsertTask,
  type ImportSummary,
  type ImportTarget,
} from '../writer';

export interface RunImportOptions {
  /** The log dir's project (its id). */
  project: string;
  /** The log dir, as given (shown in the task's comment). */
  logDir: string;
  /** Status to give the task: `completed`, or `in_progress` while a watched run writes. */
  status: string;
  /** Report an incomplete record at the end of a file as truncated (not while watching a run that writes). */
  reportTails: boolean;
  onRecords?: (bytes: number) => void;
}

const PROGRESS_EVERY = 4096;

/** Plots and debug samples gathered before they are written with the next block of points. */
const FLUSH_EVENTS = 1000;

/**
 * One TensorBoard run and where its files were read up to. `importNew` reads what was appended
 * since the last call; the run lands whole through its RunStaging (short staged transactions,
 * then one that publishes).
 */
export class TensorBoardRun {
  readonly taskId: string;
  private readonly staging: RunStaging;
  private readonly readers = new Map<string, TfRecordReader>();

  constructor(
    readonly projectName: string,
    public files: RunFiles,
  ) {
    this.taskId = stableId('tensorboard', projectName, files.name);
    this.staging = new RunStaging(this.taskId, 'tensorboard');
  }

  /** The task id the run's rows are written under until they are published. */
  get stagingId(): string {
    return this.staging.stagingId;
  }

  /** Imports the records appended since the last call; returns how many were read. */
  importNew(target: ImportTarget, summary: ImportSummary, options: RunImportOptions): number {
    const saved = new Map([...this.readers].map(([path, r]) => [path, r.offset]));
    try {
      return this.staging.run(target, () => this.importRecords(target, summary, options));
    } catch (error) {
      // Nothing was published: read the same records again next time.
      for (const [path, reader] of this.readers) reader.offset = saved.get(path) ?? 0;
      throw error;
    }
  }

  private reader(path: string): TfRecordReader {
    let reader = this.readers.get(path);
    if (!reader) this.readers.set(path, (reader = new TfRecordReader(path)));
    return reader;
  }

  private importRecords(target: ImportTarget, summary: ImportSummary, options: RunImportOptions): number {
    const task = this.taskId;
    const existed = target.repos.tasks.exists(task);
    const staging = this.stagingId;
    const writer = this.staging.seriesWriter(target, summary);
    let samples: DebugSampleEvent[] = [];
    let plots: PlotEvent[] = [];
    /** Writes what was gathered, in one short transaction, under the staging id. */
    const commit = () => {
      if (!writer.buffered && !samples.length && !plots.length) return;
      this.staging.stage(target, () => {
        writer.flush();
        target.repos.events.addDebugSamples(samples);
        target.repos.events.addPlots(plots);
      });
      samples = [];
      plots = [];
    };
    let records = 0;
    let firstWall = Infinity;
    let lastWall = -Infinity;
    const histograms = new Map<string, { step: number; buckets: HistogramBucket[] }>();
    const hparamsScalars: { tag: string; value: number; wallTime: number }[] = [];
    const hparamsMetrics = new Set<string>();
    let hparams: Record<string, string | number | boolean> | null = null;
    let pendingBytes = 0;

    const visit = (item: TbItem, inHparams: boolean) => {
      if ('wallTime' in item) {
        if (item.wallTime < firstWall) firstWall = item.wallTime;
        if (item.wallTime > lastWall) lastWall = item.wallTime;
      }
      switch (item.kind) {
        case 'scalar': {
          if (inHparams) {
            hparamsScalars.push({ tag: item.tag, value: item.value, wallTime: item.wallTime });
            return;
          }
          const { metric, variant } = metricVariant(item.tag);
          writer.add(metric, variant, item.step, item.value, Math.round(item.wallTime * 1000));
          return;
        }
        case 'image':
        case 'audio': {
          const { metric, variant: base } = metricVariant(item.tag);
          const variant = item.count > 1 ? `${base}/${item.index}` : base;
          const ext = item.kind === 'audio' ? audioExtension(item.contentType) : imageExtension(item.bytes);
          const path = `tensorboard/${task}/${safeSegment(metric)}/${safeSegment(variant)}/${item.step}.${ext}`;
          const url = storeFile(target, path, item.bytes);
          samples.push({ task: staging, metric, variant, iter: item.step, ts: Math.round(item.wallTime * 1000), url, key: null });
          summary.samples++;
          return;
        }
        case 'histogram': {
          const kept = histograms.get(item.tag);
          if (!kept || item.step >= kept.step) histograms.set(item.tag, { step: item.step, buckets: item.buckets });
          return;
        }
        case 'text': {
          const { metric, variant } = metricVariant(item.tag);
          plots.push({
            task: staging,
            metric,
            variant,
            iter: item.step,
            ts: Math.round(item.wallTime * 1000),
            plot_str: textFigure(item.tag, item.step, item.text),
          });
          summary.plots++;
          return;
        }
        case 'hparams':
          hparams = item.hparams;
          return;
        case 'hparams-metrics':
          for (const tag of item.tags) hparamsMetrics.add(tag);
          return;
        case 'skipped':
          summary.skip(item.reason);
      }
    };

    // The common case, without an item per point: a series handle per tag.
    const byTag = new Map<string, SeriesHandle>();
    const scalar: ScalarVisitor = (tag, step, wallTime, value) => {
      if (wallTime < firstWall) firstWall = wallTime;
      if (wallTime > lastWall) lastWall = wallTime;
      let series = byTag.get(tag);
      if (!series) {
        const { metric, variant } = metricVariant(tag);
        byTag.set(tag, (series = writer.series(metric, variant)));
      }
      writer.push(series, step, value, Math.round(wallTime * 1000));
    };

    const readFiles = (paths: readonly string[], inHparams: boolean) => {
      for (const path of paths) {
        const reader = this.reader(path);
        const start = reader.offset;
        reader.scan((buf, from, to) => {
          records++;
          if (records % PROGRESS_EVERY === 0) {
            options.onRecords?.(reader.offset - start - pendingBytes);
            pendingBytes = reader.offset - start;
          }
          let items: TbItem[] = [];
          try {
            // Only reads: the scalars it visits are buffered (written by commit below).
            if (inHparams || !decodeScalarEvent(buf, scalar, from, to)) items = decodeEvent(buf.subarray(from, to));
          } catch (error) {
            summary.problems.push(
              `${path} before offset ${reader.offset}: record does not decode as an Event (${(error as Error).message}); skipped`,
            );
            return;
          }
          for (const item of items) visit(item, inHparams);
          if (writer.full || samples.length + plots.length >= FLUSH_EVENTS) commit();
        });
        options.onRecords?.(reader.offset - start - pendingBytes);
        pendingBytes = 0;
        if (options.reportTails) reader.reportTail();
        for (const issue of reader.issues.splice(0)) summary.problems.push(`${issue.file} at offset ${issue.offset}: ${issue.problem}`);
      }
    };
    readFiles(this.files.files, false);
    readFiles(this.files.hparamsFiles, true);
    // The HParams plugin's metrics, written once into the session folder, are single values; other scalars there are series.
    const singles = hparamsScalars.filter((s) => hparamsMetrics.has(s.tag));
    for (const s of hparamsScalars.filter((x) => !hparamsMetrics.has(x.tag))) {
      const { metric, variant } = metricVariant(s.tag);
      writer.push(writer.series(metric, variant), 0, s.value, Math.round(s.wallTime * 1000));
    }
    commit();

    if (records === 0 && existed) return 0;
    const first = Number.isFinite(firstWall) ? firstWall * 1000 : Date.now();
    const last = Number.isFinite(lastWall) ? lastWall * 1000 : first;
    const fields = this.taskFields(options, first, last);
    if (hparams) fields.hyperparams = { hparams: hyperparamSection(hparams) };
    // Publish: everything staged and the task row, in one short transaction.
    this.staging.publish(target, () => {
      const { events } = target.repos;
      if (existed) {
        const row = target.repos.tasks.rows([task], ['created'])[0];
        fields.created = row?.created ?? fields.created;
        fields.started = fields.created;
      }
      upsertTask(target, task, fields);
      for (const [tag, { step, buckets }] of histograms) {
        const { metric, variant } = metricVariant(tag);
        events.deletePlots(task, metric, variant);
        events.addPlots([
          { task, metric, variant, iter: step, ts: Math.round(lastWall * 1000), plot_str: histogramFigure(tag, step, buckets) },
        ]);
        summary.plots++;
      }
      events.addSingleValues(
        singles.map((s) => ({ task, metric: 'Summary', variant: s.tag, value: s.value, ts: Math.round(s.wallTime * 1000) })),
      );
      target.repos.tasks.touch(task, writer.lastIteration, fields.last_update!);
    });
    if (existed) summary.tasksUpdated++;
    else summary.tasksCreated++;
    return records;
  }

  private taskFields(options: RunImportOptions, firstMs: number, lastMs: number): TaskFields & { name: string; created: string } {
    const done = options.status === 'completed';
    return {
      project: options.project,
      name: this.files.name,
      type: 'training',
      status: options.status,
      comment: `Imported from the TensorBoard log dir ${options.logDir} (run ${this.files.name}).`,
      tags: ['tensorboard'],
      system_tags: [] as string[],
      user: { id: 'tensorboard', name: 'TensorBoard' },
      created: iso(firstMs),
      started: iso(firstMs),
      completed: done ? iso(lastMs) : null,
      status_changed: iso(lastMs),
      last_update: iso(lastMs),
      last_change: iso(lastMs),
      active_duration: Math.round((lastMs - firstMs) / 1000),
    };
  }
}

function hyperparamSection(values: Record<string, string | number | boolean>) {
  const section: Record<string, { section: string; name: string; value: string; type: string; description: string }> = {};
  for (const name of Object.keys(values).sort()) {
    const value = values[name];
    const type = typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'float') : typeof value === 'boolean' ? 'bool' : 'str';
    section[name] = { section: 'hparams', name, value: String(value), type, description: '' };
  }
  return section;
}

function imageExtension(bytes: Uint8Array): string {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpg';
  if (bytes[0] === 0x47 && bytes[1] === 0x49) return 'gif';
  return 'bin';
}

function audioExtension(contentType: string): string {
  if (/mpeg|mp3/.test(contentType)) return 'mp3';
  if (/ogg/.test(contentType)) return 'ogg';
  return 'wav';
}
