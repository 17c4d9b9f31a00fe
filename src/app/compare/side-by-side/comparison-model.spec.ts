import { FieldEntry, alignSection, cellAt, rowCells, sameValue, unionKeys } from './comparison-model';

const value = (key: string, v: string | null, depth = 0): FieldEntry => ({ key, label: key, depth, kind: 'value', value: v });

describe('comparison model', () => {
  it('compares numbers as numbers and everything else as text', () => {
    expect(sameValue('0.10', '0.1')).toBeTrue();
    expect(sameValue('1e-3', '0.001')).toBeTrue();
    expect(sameValue('0.1', '0.2')).toBeFalse();
    expect(sameValue('sgd', 'adam')).toBeFalse();
    expect(sameValue('1.0.0', '1.0')).toBeFalse();
    expect(sameValue(null, '')).toBeFalse();
    expect(sameValue(null, null)).toBeTrue();
  });

  it('orders keys by the base task, inserting others after the key they follow', () => {
    expect(
      unionKeys([
        ['a', 'b', 'c'],
        ['a', 'x', 'y', 'c'],
        ['z', 'b'],
      ]),
    ).toEqual(['z', 'a', 'x', 'y', 'b', 'c']);
  });

  it('matches fields by identity, not position: a changed version is one changed row', () => {
    const section = alignSection({
      id: 'packages',
      title: 'Packages',
      entries: [
        [value('numpy', 'numpy==1.26'), value('torch', 'torch==2.2')],
        [value('einops', 'einops==0.7'), value('numpy', 'numpy==1.26'), value('torch', 'torch==2.3')],
      ],
    });
    expect(section.rows.map((r) => r.id)).toEqual(['einops', 'numpy', 'torch']);
    const [einops, numpy, torch] = section.rows;
    expect(rowCells(einops).map((c) => c.value)).toEqual([null, 'einops==0.7']);
    expect(einops.differs).toBeTrue();
    expect(numpy.differs).toBeFalse();
    expect(rowCells(torch)[1].changed).toBeTrue();
    expect(rowCells(torch)[0].changed).toBeFalse();
    expect(rowCells(torch)[1].parts?.find((p) => p.changed)?.text).toContain('3');
    expect(section.differs).toBeTrue();
  });

  it('aligns long texts line by line under a heading row', () => {
    const text = (key: string, v: string | null): FieldEntry => ({ key, label: key, depth: 0, kind: 'text', value: v });
    const section = alignSection({ id: 's', title: 'S', entries: [[text('script', 'a\nb\n')], [text('script', 'a\nc\n')], []] });
    expect(section.rows.map((r) => r.kind)).toEqual(['group', 'line', 'line']);
    expect(rowCells(section.rows[0]).map((c) => c.value)).toEqual(['2 lines', '2 lines', null]);
    expect(rowCells(section.rows[0]).map((c) => c.changed)).toEqual([false, true, true]);
    expect(section.rows[1].differs).toBeFalse();
    expect(rowCells(section.rows[1])[2].changed).toBeFalse();
    expect(rowCells(section.rows[2]).map((c) => c.value)).toEqual(['b', 'c', null]);
  });

  it('keeps cells in one table per section and marks words only when a cell is read', () => {
    const text = (v: string): FieldEntry => ({ key: 'req', label: 'req', depth: 0, kind: 'text', value: v });
    const section = alignSection({
      id: 's',
      title: 'S',
      entries: [[text('torch==2.2\nnumpy==1.26\n')], [text('torch==2.3\nnumpy==1.26\n')]],
    });
    const [, torch, numpy] = section.rows;
    expect(torch.table).toBe(numpy.table);
    expect(torch.table.values.length).toBe(section.rows.length * 2);
    // An equal cell shares the base's text.
    expect(numpy.table.values[numpy.at * 2 + 1]).toBe(numpy.table.values[numpy.at * 2]);
    expect(cellAt(torch, 1).parts).toEqual([
      { text: 'torch==', changed: false },
      { text: '2.3', changed: true },
    ]);
    expect(cellAt(torch, 1).parts).toBe(cellAt(torch, 1).parts);
    expect(cellAt(numpy, 1)).toEqual({ value: 'numpy==1.26', changed: false, parts: null });
    expect(cellAt(numpy, 5)).toEqual({ value: null, changed: false, parts: null });
  });
});
