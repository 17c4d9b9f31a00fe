/**
 * Deterministic demo data for the embedded backend.
 *
 * demoDataset(): projects "CIFAR-10 sweep" and "Speech commands", exercising every compare tab, and
 * "Seed study" (configurations repeated over seeds, for grouping).
 * largeDataset(): one project "Benchmark" for load tests.
 *
 * Scalar points and sample files are produced lazily (points() / bytes()), so nothing large is held in memory.
 */
import { cifarProject } from './cifar.js';
import { seedStudyProject } from './seed-study.js';
import { speechProject } from './speech.js';
import type { DemoProject } from './types.js';

export type {
  DemoArtifact,
  DemoConfigItem,
  DemoContainer,
  DemoHyperParam,
  DemoLog,
  DemoModel,
  DemoModelRef,
  DemoPlot,
  DemoProject,
  DemoSample,
  DemoScalarSeries,
  DemoScript,
  DemoTask,
} from './types.js';
export { largeDataset, LONG_SERIES_POINTS, type LargeDatasetOptions } from './benchmark.js';

export function demoDataset(): DemoProject[] {
  return [cifarProject(), speechProject(), seedStudyProject()];
}
