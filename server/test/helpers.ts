import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../src/app';

export interface TestServer {
  app: FastifyInstance;
  filesDir: string;
  call(name: string, body?: unknown, init?: { method?: 'GET' | 'POST'; version?: string | null }): Promise<ApiReply>;
  close(): Promise<void>;
}

export interface ApiReply {
  status: number;
  meta: Record<string, any>;
  data: any;
}

export function tempDir(prefix = 'compare-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Builds an app on ':memory:' SQLite (or the given file) and a fresh temporary files folder. */
export async function startServer(options: Partial<AppOptions> = {}): Promise<TestServer> {
  const filesDir = options.filesDir ?? tempDir();
  const app = await buildApp({ dbPath: ':memory:', appDir: null, demo: false, ...options, filesDir });
  return {
    app,
    filesDir,
    async call(name, body = {}, init = {}) {
      const version = init.version === undefined ? 'v2.31/' : init.version === null ? '' : `${init.version}/`;
      const response = await app.inject({ method: init.method ?? 'POST', url: `/api/${version}${name}`, payload: body as object });
      const parsed = response.json();
      return { status: response.statusCode, meta: parsed.meta, data: parsed.data };
    },
    async close() {
      await app.close();
      if (!options.filesDir) rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

export async function createProject(server: TestServer, name = 'Project'): Promise<string> {
  const reply = await server.call('projects.create', { name });
  return reply.data.id;
}

export async function createTask(server: TestServer, project: string, fields: Record<string, unknown> = {}): Promise<string> {
  const reply = await server.call('tasks.create', { name: 'task', type: 'training', project, ...fields });
  if (reply.status !== 200) throw new Error(JSON.stringify(reply.meta));
  return reply.data.id;
}

export async function addEvents(server: TestServer, events: object[]): Promise<ApiReply> {
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/v2.31/events.add_batch',
    headers: { 'content-type': 'application/json-lines' },
    payload: events.map((e) => JSON.stringify(e)).join('\n'),
  });
  const parsed = response.json();
  return { status: response.statusCode, meta: parsed.meta, data: parsed.data };
}

export function scalar(
  task: string,
  metric: string,
  variant: string,
  iter: number,
  value: number,
  timestamp = 1_700_000_000_000 + iter * 1000,
) {
  return { type: 'training_stats_scalar', task, metric, variant, iter, value, timestamp };
}
