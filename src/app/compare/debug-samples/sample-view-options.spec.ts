import {
  SampleViewOptions,
  columnMoved,
  columnTarget,
  formatColumns,
  formatSample,
  jumpedTo,
  metricChosen,
  parseColumns,
  parseSample,
  parseSampleOptions,
  syncToggled,
} from './sample-view-options';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);

function options(partial: Partial<SampleViewOptions> = {}): SampleViewOptions {
  return { metric: null, iter: null, sync: false, columns: {}, sample: null, follow: false, ...partial };
}

describe('sample view options', () => {
  it('round-trips per-column choices, whatever the metric name holds', () => {
    const columns = { [A]: { iter: 500 as const, metric: 'odd, name: * = %' }, [B]: { iter: 'newest' as const, metric: null } };
    const text = formatColumns(columns)!;
    expect(text.split(',').length).toBe(2);
    expect(parseColumns(text)).toEqual(columns);
  });

  it('leaves empty choices out and ignores malformed entries', () => {
    expect(formatColumns({ [A]: { iter: null } })).toBeNull();
    expect(parseColumns(`junk,${A}:12x:,${B}:7:=%E0%A4%A,${B}:-3:`)).toEqual({ [B]: { iter: -3 } });
  });

  it('round-trips the open sample and refuses malformed ones', () => {
    const sample = { task: A, iter: 42, metric: 'a:b', variant: 'c,d' };
    expect(parseSample(formatSample(sample))).toEqual(sample);
    expect(parseSample(`${A}:x:m:v`)).toBeNull();
    expect(parseSample(`${A}:1:m`)).toBeNull();
    expect(parseSample(null)).toBeNull();
  });

  it('reads the query: defaults when absent, per-column choices only without sync', () => {
    expect(parseSampleOptions({})).toEqual(options());
    const cols = `${A}:5:`;
    expect(parseSampleOptions({ metric: 'loss', iter: '300', sync: '1', cols }).columns).toEqual({});
    expect(parseSampleOptions({ iter: 'abc', cols }).iter).toBeNull();
    expect(parseSampleOptions({ cols }).columns).toEqual({ [A]: { iter: 5 } });
  });

  it('resolves a column from its own choice, else the shared metric and iteration', () => {
    const o = options({ metric: 'm', iter: 300, columns: { [A]: { iter: 'newest', metric: null } } });
    expect(columnTarget(o, A)).toEqual({ metric: null, iter: null });
    expect(columnTarget(o, B)).toEqual({ metric: 'm', iter: 300 });
  });

  describe('with sync', () => {
    const o = options({ sync: true, metric: 'm', iter: 300 });
    it('a metric picked in one column becomes every column’s', () => {
      expect(metricChosen(o, A, 'x')).toEqual({ metric: 'x', cols: null });
      expect(metricChosen(o, A, null)).toEqual({ metric: null, cols: null });
    });
    it('a move in one column moves every column to that iteration', () => {
      expect(columnMoved(o, A, 250)).toEqual({ iter: '250', cols: null });
      expect(columnMoved(o, A, null)).toEqual({ iter: null, cols: null });
    });
  });

  describe('without sync', () => {
    it('a metric or a move changes only that column', () => {
      const o = options({ metric: 'm' });
      expect(parseColumns(metricChosen(o, A, 'x')['cols'])).toEqual({ [A]: { iter: null, metric: 'x' } });
      expect(parseColumns(columnMoved(o, A, 250)['cols'])).toEqual({ [A]: { iter: 250 } });
      expect(parseColumns(columnMoved(o, A, null)['cols'])).toEqual({ [A]: { iter: 'newest' } });
    });
    it('picking the shared metric again drops the column’s own choice', () => {
      const o = options({ metric: 'm', columns: { [A]: { iter: null, metric: 'x' } } });
      expect(metricChosen(o, A, 'm')).toEqual({ cols: null });
    });
    it('keeps the other columns’ choices', () => {
      const o = options({ columns: { [B]: { iter: 7 } } });
      expect(parseColumns(columnMoved(o, A, 3)['cols'])).toEqual({ [A]: { iter: 3 }, [B]: { iter: 7 } });
    });
  });

  it('jump takes every column to the iteration, keeping their metrics', () => {
    const o = options({ columns: { [A]: { iter: 5, metric: 'x' }, [B]: { iter: 'newest' } } });
    const patch = jumpedTo(o, 400);
    expect(patch['iter']).toBe('400');
    expect(parseColumns(patch['cols'])).toEqual({ [A]: { iter: null, metric: 'x' } });
    expect(jumpedTo(options(), null)).toEqual({ iter: null, cols: null });
  });

  it('sync on drops per-column choices and aligns to the shared iteration; off keeps it', () => {
    expect(syncToggled(true, 300)).toEqual({ sync: '1', cols: null, iter: '300' });
    expect(syncToggled(true, null)).toEqual({ sync: '1', cols: null, iter: null });
    expect(syncToggled(false, 300)).toEqual({ sync: null });
  });
});
