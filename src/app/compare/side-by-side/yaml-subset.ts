/**
 * A small YAML reader for the subset ML configuration files use: block mappings and sequences by
 * indentation, `#` comments, plain / quoted scalars and one-line flow collections (`[1, 2]`,
 * `{a: 1}`). Scalars stay text (the comparison decides what is a number). Anything else (block
 * strings `|` `>`, anchors, tags, several documents) throws, and the caller falls back to text.
 */
export type YamlValue = string | null | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  indent: number;
  text: string;
  number: number;
}

export class YamlSubsetError extends Error {}

function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
  }
  return line;
}

function toLines(text: string): Line[] {
  const lines: Line[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.includes('\t')) throw new YamlSubsetError(`tab in indentation on line ${index + 1}`);
    const content = stripComment(raw).trimEnd();
    if (!content.trim()) return;
    if (/^(---|\.\.\.)(\s|$)/.test(content) || /^%/.test(content)) throw new YamlSubsetError('documents and directives are not supported');
    lines.push({ indent: content.length - content.trimStart().length, text: content.trim(), number: index + 1 });
  });
  return lines;
}

function splitFlow(body: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (const ch of body) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      items.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (quote || depth !== 0) throw new YamlSubsetError(`unbalanced flow collection: ${body}`);
  if (current.trim()) items.push(current.trim());
  return items;
}

function keyValue(text: string): [string, string] | null {
  const match = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'[\]{}#,:][^:]*?)\s*:(?:\s+(.*))?$/.exec(text);
  if (!match) return null;
  return [scalar(match[1]) ?? 'null', match[2] ?? ''];
}

function scalar(text: string): string | null {
  if (text === '~' || text === 'null' || text === '') return null;
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2) throw new YamlSubsetError(`unterminated string: ${text}`);
    return JSON.parse(text) as string;
  }
  if (text.startsWith("'")) {
    if (!text.endsWith("'") || text.length < 2) throw new YamlSubsetError(`unterminated string: ${text}`);
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (/^[|>&*!@`]/.test(text)) throw new YamlSubsetError(`unsupported YAML: ${text}`);
  return text;
}

export function inlineValue(text: string): YamlValue {
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) throw new YamlSubsetError(`unterminated list: ${text}`);
    return splitFlow(text.slice(1, -1)).map(inlineValue);
  }
  if (text.startsWith('{')) {
    if (!text.endsWith('}')) throw new YamlSubsetError(`unterminated mapping: ${text}`);
    const out: Record<string, YamlValue> = {};
    for (const item of splitFlow(text.slice(1, -1))) {
      const kv = keyValue(item);
      if (!kv) throw new YamlSubsetError(`not a key: value pair: ${item}`);
      out[kv[0]] = inlineValue(kv[1]);
    }
    return out;
  }
  return scalar(text);
}

function parseBlock(lines: Line[], start: number, indent: number): [YamlValue, number] {
  const first = lines[start];
  const isSequence = first.text === '-' || first.text.startsWith('- ');
  const seq: YamlValue[] = [];
  const map: Record<string, YamlValue> = {};
  let i = start;
  while (i < lines.length && lines[i].indent >= indent) {
    const line = lines[i];
    if (line.indent > indent) throw new YamlSubsetError(`unexpected indentation on line ${line.number}`);
    if (isSequence) {
      if (!(line.text === '-' || line.text.startsWith('- '))) break;
      const rest = line.text.slice(1).trim();
      if (!rest) {
        const [value, next] = nested(lines, i + 1, indent);
        seq.push(value);
        i = next;
      } else if (keyValue(rest) && !rest.startsWith('[') && !rest.startsWith('{')) {
        // "- key: value" starts a mapping whose other keys are indented like the first key.
        const inner = indent + line.text.length - rest.length;
        const shifted: Line[] = [{ indent: inner, text: rest, number: line.number }];
        const [value, next] = parseBlock([...shifted, ...lines.slice(i + 1)], 0, inner);
        seq.push(value);
        i = i + next;
      } else {
        seq.push(inlineValue(rest));
        i++;
      }
    } else {
      const kv = keyValue(line.text);
      if (!kv) throw new YamlSubsetError(`expected "key: value" on line ${line.number}`);
      const [key, rest] = kv;
      if (key in map) throw new YamlSubsetError(`duplicate key "${key}" on line ${line.number}`);
      if (rest) {
        map[key] = inlineValue(rest);
        i++;
      } else {
        const [value, next] = nested(lines, i + 1, indent);
        map[key] = value;
        i = next;
      }
    }
  }
  return [isSequence ? seq : map, i];
}

/** The block nested under a line at `indent` (a sequence may sit at the same indent as its key). */
function nested(lines: Line[], start: number, indent: number): [YamlValue, number] {
  const next = lines[start];
  if (!next) return [null, start];
  const isDash = next.text === '-' || next.text.startsWith('- ');
  if (next.indent > indent || (isDash && next.indent === indent)) return parseBlock(lines, start, next.indent);
  return [null, start];
}

export function parseYamlSubset(text: string): YamlValue {
  const lines = toLines(text);
  if (!lines.length) return null;
  if (lines.length === 1 && !keyValue(lines[0].text) && !lines[0].text.startsWith('-')) return inlineValue(lines[0].text);
  const [value, next] = parseBlock(lines, 0, lines[0].indent);
  if (next < lines.length) throw new YamlSubsetError(`unexpected indentation on line ${lines[next].number}`);
  return value;
}
