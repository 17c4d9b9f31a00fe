import { alignSection } from './comparison-model';
import { parseConfig, treeEntries } from './config-tree';

describe('config tree', () => {
  it('reads JSON and YAML objects, not plain text or bare scalars', () => {
    expect(parseConfig('{"a": {"b": 1}}')?.format).toBe('json');
    expect(parseConfig('a:\n  b: 1\n')?.format).toBe('yaml');
    expect(parseConfig('just some words')).toBeNull();
    expect(parseConfig('42')).toBeNull();
    expect(parseConfig('script: |\n  x\n')).toBeNull();
  });

  it('flattens a tree into path-keyed rows, keeping short lists on one row', () => {
    const parsed = parseConfig('{"optimizer": {"lr": 0.1, "betas": [0.9, 0.99]}, "stages": [{"blocks": 2}]}')!;
    const entries = treeEntries(parsed.tree, 'cfg', 1);
    expect(entries.map((e) => [e.key, e.kind, e.value, e.depth])).toEqual([
      ['cfg.optimizer', 'group', '', 1],
      ['cfg.optimizer.lr', 'value', '0.1', 2],
      ['cfg.optimizer.betas', 'value', '[0.9, 0.99]', 2],
      ['cfg.stages', 'group', '', 1],
      ['cfg.stages.[0]', 'group', '', 2],
      ['cfg.stages.[0].blocks', 'value', '2', 3],
    ]);
  });

  it('makes one changed nested key one changed row', () => {
    const a = parseConfig('model:\n  arch: resnet18\noptimizer:\n  lr: 0.10\n  momentum: 0.9\n')!;
    const b = parseConfig('{"model": {"arch": "resnet18"}, "optimizer": {"lr": 0.03, "momentum": 0.9}}')!;
    const section = alignSection({ id: 'c', title: 'C', entries: [treeEntries(a.tree, 'c', 0), treeEntries(b.tree, 'c', 0)] });
    expect(section.rows.filter((r) => r.differs).map((r) => r.id)).toEqual(['c.optimizer.lr']);
  });
});
