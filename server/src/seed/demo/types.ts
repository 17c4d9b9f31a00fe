/** Shapes of the demo data set. The server seeds its database from these objects. */

export interface DemoScalarSeries {
  metric: string;
  variant: string;
  /** Lazily generated points, in increasing iteration order. Each call starts a fresh, identical pass. */
  points(): Iterable<[iter: number, value: number, timestamp: number]>;
}

export interface DemoSample {
  metric: string;
  variant: string;
  iter: number;
  /** Relative path under the files directory, e.g. "demo/<taskid>/predictions/cat/00001000.png". */
  path: string;
  /** Generates the file content on demand. */
  bytes(): Buffer;
  /** When the sample was reported (epoch ms). */
  timestamp?: number;
}

export interface DemoModel {
  id: string;
  name: string;
  uri: string;
  framework: string;
  design: string;
  labels: Record<string, number>;
}

export interface DemoModelRef {
  name: string;
  model: DemoModel;
}

export interface DemoHyperParam {
  section: string;
  name: string;
  value: string;
  type: string;
  description: string;
}

export interface DemoConfigItem {
  name: string;
  value: string;
  type: string;
  description: string;
}

export interface DemoArtifact {
  key: string;
  type: string;
  mode: 'input' | 'output';
  uri: string;
  content_size: number;
  hash: string;
  timestamp: number;
  type_data: { preview: string; content_type: string };
  display_data: [string, string][];
}

export interface DemoScript {
  binary: string;
  repository: string;
  branch: string;
  tag: string;
  version_num: string;
  entry_point: string;
  working_dir: string;
  requirements: { pip: string };
  diff: string;
}

export interface DemoContainer {
  image: string;
  arguments: string;
  setup_shell_script: string;
}

export interface DemoPlot {
  metric: string;
  variant: string;
  iter: number;
  plot_str: string;
  timestamp: number;
}

export interface DemoLog {
  iter: number;
  level: string;
  msg: string;
  timestamp: number;
}

export interface DemoTask {
  id: string;
  name: string;
  type: string;
  status: string;
  comment: string;
  tags: string[];
  system_tags: string[];
  user: { id: string; name: string };
  parent: string | null;
  created: string;
  started: string | null;
  completed: string | null;
  status_changed: string;
  status_message: string;
  status_reason: string;
  last_worker: string | null;
  active_duration: number | null;
  script: DemoScript;
  container: DemoContainer;
  hyperparams: Record<string, Record<string, DemoHyperParam>>;
  configuration: Record<string, DemoConfigItem>;
  runtime: Record<string, string | number>;
  execution: { queue: { id: string; name: string } | null; framework: string; artifacts: DemoArtifact[] };
  models: { input: DemoModelRef[]; output: DemoModelRef[] };
  scalars: DemoScalarSeries[];
  singleValues: { metric: string; variant: string; value: number }[];
  plots: DemoPlot[];
  samples: DemoSample[];
  logs: DemoLog[];
}

export interface DemoProject {
  id: string;
  name: string;
  description: string;
  created: string;
  tasks: DemoTask[];
}
