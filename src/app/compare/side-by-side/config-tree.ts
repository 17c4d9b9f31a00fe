import { FieldEntry } from './comparison-model';
import { YamlValue, parseYamlSubset } from './yaml-subset';

type TreeValue = YamlValue | number | boolean | TreeValue[] | { [key: string]: TreeValue };

export type ConfigFormat = 'json' | 'yaml';

export interface ParsedConfig {
  format: ConfigFormat;
  tree: TreeValue;
}

const isContainer = (v: unknown): v is TreeValue[] | Record<string, TreeValue> => typeof v === 'object' && v !== null;

/** A configuration value read as JSON or (the subset of) YAML; null when it is neither, or only a scalar. */
export function parseConfig(text: string): ParsedConfig | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (/^[[{]/.test(trimmed)) {
    try {
      const tree = JSON.parse(trimmed) as TreeValue;
      return isContainer(tree) ? { format: 'json', tree } : null;
    } catch {
      // Not JSON: YAML flow collections may still read.
    }
  }
  try {
    const tree = parseYamlSubset(text);
    return isContainer(tree) ? { format: 'yaml', tree } : null;
  } catch {
    return null;
  }
}

function scalarText(value: TreeValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const allScalars = (list: TreeValue[]) => list.every((v) => !isContainer(v));

/**
 * The tree as field entries: one group row per mapping / list of mappings, one value row per leaf;
 * a short list of plain values stays one row (`[0.9, 0.999]`). Keys are paths, so one changed nested
 * key is one changed row.
 */
export function treeEntries(tree: TreeValue, keyPrefix: string, depth: number): FieldEntry[] {
  const entries: FieldEntry[] = [];
  const walk = (value: TreeValue, path: string, label: string, level: number) => {
    if (Array.isArray(value) && allScalars(value)) {
      entries.push({ key: path, label, depth: level, kind: 'value', value: `[${value.map(scalarText).join(', ')}]` });
      return;
    }
    if (isContainer(value)) {
      if (label) entries.push({ key: path, label, depth: level, kind: 'group', value: '' });
      const children: [string, TreeValue][] = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v]) : Object.entries(value);
      for (const [childKey, child] of children) walk(child, `${path}.${childKey}`, childKey, label ? level + 1 : level);
      return;
    }
    entries.push({ key: path, label, depth: level, kind: 'value', value: scalarText(value) });
  };
  walk(tree, keyPrefix, '', depth);
  return entries;
}
