import { ScalarHistogram } from '../../core/api/events-api';
import { ChartDef, parseScalarGraphOptions } from './scalar-graph-options';
import { buildGroupedChartFigure } from './group-traces';

type Trace = { name?: string; x: (number | null)[]; y: (number | null)[]; fill?: string; customdata?: number[][]; opacity?: number };

const chart: ChartDef = { chartKey: 'mv:loss:train', title: 'loss / train', metrics: [{ metric: 'loss', variants: ['train'] }] };
const tasks = ['a', 'b', 'c'].map((id) => ({ id, displayName: id.toUpperCase(), color: '#336699', params: '' }));
const groups = [
  { key: 'g1', name: 'lr=0.1', color: '#ff0000', taskIds: ['a', 'b'] },
  { key: 'g2', name: 'lr=0.2', color: '#00ff00', taskIds: ['c'] },
];
const histogram: ScalarHistogram = {
  loss: {
    train: {
      a: { name: 'A', x: [0, 10, 20], y: [4, 2, 1] },
      b: { name: 'B', x: [0, 10, 20], y: [2, 2, 3], y_max: [2, 9, 3], y_min: [2, 2, 3] },
      c: { name: 'C', x: [0, 10], y: [5, 5] },
    },
  },
};

describe('buildGroupedChartFigure', () => {
  it('draws a mean line per group with its band and n in the hover data, the envelope keeping a member’s spike', () => {
    const { figure } = buildGroupedChartFigure(chart, histogram, tasks, groups, parseScalarGraphOptions({}), null);
    const data = figure.data as unknown as Trace[];
    const lines = data.filter((t) => t.fill !== 'toself');
    expect(lines.map((t) => t.name)).toEqual(['lr=0.1 (n=2)', 'lr=0.2 (n=1)']);
    expect(lines[0].y).toEqual([3, 2, 2]);
    expect(lines[0].customdata![0][0]).toBe(2);
    // ± std of (4, 2): √2.
    expect(lines[0].customdata![0][1]).toBeCloseTo(3 - Math.SQRT2, 12);
    // A group of one task has no mean at the default minimum of two.
    expect(lines[1].y).toEqual([null, null]);
    const envelope = data.find((t) => t.fill === 'toself' && t.name?.startsWith('lr=0.1') && t.name.endsWith('every task'))!;
    expect(Math.max(...(envelope.y.filter((y) => y !== null) as number[]))).toBe(9);
  });

  it('leaves hidden tasks out of their group and draws the members thinly when asked', () => {
    const options = parseScalarGraphOptions({ hide: 'b', members: '1', gmin: '1' });
    const data = buildGroupedChartFigure(chart, histogram, tasks, groups, options, null).figure.data as unknown as Trace[];
    const lines = data.filter((t) => t.fill !== 'toself');
    expect(lines.filter((t) => t.opacity !== undefined).length).toBe(2);
    const mean = lines.find((t) => t.name === 'lr=0.1 (n=1)')!;
    expect(mean.y).toEqual([4, 2, 1]);
  });
});
