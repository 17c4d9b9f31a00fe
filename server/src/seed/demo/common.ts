/** Builders shared by the demo projects. */
import { demoId, iso, sha256 } from './rng.js';
import type { DemoArtifact, DemoConfigItem, DemoHyperParam, DemoModel } from './types.js';

export const USERS = {
  alice: { id: demoId('user', 'alice'), name: 'Alice Moreau' },
  bruno: { id: demoId('user', 'bruno'), name: 'Bruno Okafor' },
  priya: { id: demoId('user', 'priya'), name: 'Priya Raman' },
} as const;

export function queue(name: string): { id: string; name: string } {
  return { id: demoId('queue', name), name };
}

export type ParamSpec = [name: string, value: string | number | boolean, type: string, description: string];

/** {section: {name: {section, name, value, type, description}}} from a compact spec; undefined values are left out. */
export function hyperparams(sections: Record<string, (ParamSpec | null | undefined)[]>): Record<string, Record<string, DemoHyperParam>> {
  const out: Record<string, Record<string, DemoHyperParam>> = {};
  for (const [section, params] of Object.entries(sections)) {
    const s: Record<string, DemoHyperParam> = {};
    for (const p of params) {
      if (!p) continue;
      const [name, value, type, description] = p;
      s[name] = { section, name, value: typeof value === 'string' ? value : String(value), type, description };
    }
    out[section] = s;
  }
  return out;
}

export function configItem(name: string, value: string, type: string, description: string): DemoConfigItem {
  return { name, value, type, description };
}

export function artifact(opts: {
  key: string;
  type: string;
  mode: 'input' | 'output';
  uri: string;
  size: number;
  content: string;
  timestamp: number;
  preview: string;
  contentType: string;
  display?: [string, string][];
}): DemoArtifact {
  return {
    key: opts.key,
    type: opts.type,
    mode: opts.mode,
    uri: opts.uri,
    content_size: opts.size,
    hash: sha256(opts.content),
    timestamp: opts.timestamp,
    type_data: { preview: opts.preview, content_type: opts.contentType },
    display_data: opts.display ?? [],
  };
}

export function model(opts: {
  key: string;
  name: string;
  uri: string;
  design: string;
  labels: Record<string, number>;
  framework?: string;
}): DemoModel {
  return {
    id: demoId('model', opts.key),
    name: opts.name,
    uri: opts.uri,
    framework: opts.framework ?? 'PyTorch',
    design: opts.design,
    labels: opts.labels,
  };
}

export function labelsOf(classes: string[]): Record<string, number> {
  return Object.fromEntries(classes.map((c, i) => [c, i]));
}

/** ClearML-style auto comment. */
export function autoComment(createdMs: number, user: string, host: string): string {
  return `Auto-generated at ${iso(createdMs).replace('T', ' ').slice(0, 19)} UTC by ${user}@${host}`;
}
