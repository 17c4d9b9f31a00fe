import { Task } from '../../../core/api/models';
import { NA } from '../shared-axes/axis';
import { HyperparameterTask } from '../shared-axes/hyperparameters-tasks';
import {
  FADED,
  MARGIN,
  MIN_AXIS_SPACING,
  MIN_TICK_CHARS,
  TICK_PAD,
  TICK_LABEL_GAP,
  TITLE_CHARS,
  addRange,
  axisSpacing,
  buildDimensions,
  chartWidth,
  cutTickText,
  fitTickText,
  drawAxes,
  drawLines,
  moveAxis,
  orderDimensions,
  placeTickLabels,
  positionAt,
  removeAt,
  shortTitle,
  slotAt,
  tasksPassing,
  yOf,
} from './parcoords-model';

function hp(id: string, color: string, params: Record<string, string>, acc: number | null): HyperparameterTask {
  const hyperparams = { Args: Object.fromEntries(Object.entries(params).map(([name, value]) => [name, { section: 'Args', name, value }])) };
  const last_metrics = acc === null ? {} : { h: { v: { metric: 'accuracy', variant: 'val', value: acc, min_value: 0, max_value: acc } } };
  return {
    id,
    color,
    isBase: false,
    displayName: id,
    task: null,
    full: { id, name: id, status: 'completed', type: 'training', hyperparams, last_metrics } as unknown as Task,
  };
}

describe('parallel coordinates model', () => {
  const tasks = [
    hp('t1', '#111111', { lr: '0.1', optimizer: 'sgd' }, 0.8),
    hp('t2', '#222222', { lr: '0.001', optimizer: 'adamw' }, 0.9),
    hp('t3', '#333333', { lr: '0.0001' }, null),
  ];
  const acc = { metric: 'accuracy', variant: 'val', type: 'last' as const };
  const params = [
    { section: 'Args', name: 'lr' },
    { section: 'Args', name: 'optimizer' },
  ];
  const frame = { width: 590, height: 394 }; // axes 200 px apart, from y 80 to 370

  /** Points of a path as [x, y] pairs. */
  const points = (d: string) => [...d.matchAll(/[ML]([-\d.]+) ([-\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
  /** The tick label drawn at a line's point on axis `j`. */
  const tickUnder = (axes: ReturnType<typeof drawAxes>, d: string, j: number) => axes[j].ticks.find((t) => t.y === points(d)[j][1])?.text;

  it("has one axis per parameter and metric pick, each line through its task's own value", () => {
    const dims = buildDimensions(tasks, params, [acc]);
    expect(dims.map((d) => d.label)).toEqual(['Args/lr', 'Args/optimizer', 'accuracy/val LAST']);
    expect(dims[0].axis.kind).toBe('log');
    const axes = drawAxes(dims, {}, frame);
    expect(axes.map((a) => a.x)).toEqual([70, 270, 470]);
    const lines = drawLines(tasks, dims, {}, null, frame);
    expect(lines.map((l) => l.id)).toEqual(['t1', 't2', 't3']);
    expect(lines.map((l) => tickUnder(axes, l.d, 0))).toEqual(['0.1', '0.001', '1e-4']);
    expect(lines.map((l) => tickUnder(axes, l.d, 1))).toEqual(['sgd', 'adamw', NA]);
    expect(tickUnder(axes, lines[2].d, 2)).toBe(NA);
    expect(points(lines[0].d).map((p) => p[0])).toEqual([70, 270, 470]);
    expect(lines.map((l) => l.color)).toEqual(['#111111', '#222222', '#333333']);
  });

  it('moves the labels of close ticks apart, inside the axis, each as near its tick as it can be', () => {
    const gapsOk = (ys: (number | null)[]) => {
      const sorted = ys.filter((y): y is number => y !== null).sort((a, b) => a - b);
      return sorted.every((y, k) => k === 0 || y - sorted[k - 1] >= TICK_LABEL_GAP - 0.1);
    };
    const apart = placeTickLabels([100, 102, 104, 300], 90, 370);
    expect(gapsOk(apart)).toBeTrue();
    expect(apart[0]).toBe(100);
    expect(apart[3]).toBe(300);
    const atBottom = placeTickLabels([368, 369, 370], 90, 370);
    expect(gapsOk(atBottom)).toBeTrue();
    expect(Math.max(...(atBottom as number[]))).toBeLessThanOrEqual(370);
    // More labels than the axis holds: a spread subset, the ends kept.
    const many = placeTickLabels(
      Array.from({ length: 60 }, (_, i) => 90 + i * 4),
      90,
      370,
    );
    expect(gapsOk(many)).toBeTrue();
    expect(many[0]).toBe(90);
    expect(many[59]).not.toBeNull();
    expect(many.filter((y) => y === null).length).toBeGreaterThan(0);
  });

  it('draws close values on an axis with labels that do not overlap', () => {
    const close = [
      hp('a', '#111111', { wd: '0.0001' }, 0.5),
      hp('b', '#222222', { wd: '0.00011' }, 0.6),
      hp('c', '#333333', { wd: '0.05' }, 0.7),
    ];
    const [axis] = drawAxes(buildDimensions(close, [{ section: 'Args', name: 'wd' }], [acc]), {}, frame);
    const labels = axis.ticks
      .map((t) => t.labelY)
      .filter((y): y is number => y !== null)
      .sort((a, b) => a - b);
    expect(labels.length).toBe(3);
    labels.forEach((y, k) => k && expect(y - labels[k - 1]).toBeGreaterThanOrEqual(TICK_LABEL_GAP - 0.1));
  });

  it('maps positions to pixels and back, the low end at the bottom, clamped to the axis', () => {
    const [lr] = buildDimensions(tasks, params, []);
    const [lo, hi] = lr.axis.range;
    expect(yOf(lr.axis, lo, frame)).toBeCloseTo(370);
    expect(yOf(lr.axis, hi, frame)).toBeCloseTo(MARGIN.top);
    expect(positionAt(lr.axis, yOf(lr.axis, -2, frame), frame)).toBeCloseTo(-2);
    expect(positionAt(lr.axis, 0, frame)).toBeCloseTo(hi);
    expect(positionAt(lr.axis, 1000, frame)).toBeCloseTo(lo);
  });

  it('greys the other lines when a task is highlighted and draws that task last', () => {
    const dims = buildDimensions(tasks, params, [acc]);
    const lines = drawLines(tasks, dims, {}, 't1', frame);
    expect(lines.map((l) => l.id)).toEqual(['t2', 't3', 't1']);
    expect(lines.map((l) => l.state)).toEqual(['faded', 'faded', 'highlight']);
    expect(lines.map((l) => l.color)).toEqual([FADED, FADED, '#111111']);
  });

  it('filters tasks by brushes: lines outside are grey and drawn first, and the brush is drawn on its axis', () => {
    const dims = buildDimensions(tasks, params, [acc]);
    const brushes = { [dims[2].id]: [[0.85, 1] as [number, number]] };
    expect(tasksPassing(tasks, dims, brushes)).toEqual(['t2']);
    expect(tasksPassing(tasks, dims, {})).toEqual(['t1', 't2', 't3']);
    const lines = drawLines(tasks, dims, brushes, null, frame);
    expect(lines.map((l) => [l.id, l.state])).toEqual([
      ['t1', 'filtered'],
      ['t3', 'filtered'],
      ['t2', 'normal'],
    ]);
    const axes = drawAxes(dims, brushes, frame);
    expect(axes[0].ranges).toEqual([]);
    const [range] = axes[2].ranges;
    expect(range.y).toBeCloseTo(yOf(dims[2].axis, 1, frame), 0);
    expect(range.y + range.height).toBeCloseTo(yOf(dims[2].axis, 0.85, frame), 0);
  });

  it('adds ranges (merging the ones that overlap) and removes the one clicked, or all when none is hit', () => {
    expect(addRange(undefined, [3, 1])).toEqual([[1, 3]]);
    expect(addRange([[1, 3]], [5, 6])).toEqual([
      [1, 3],
      [5, 6],
    ]);
    expect(
      addRange(
        [
          [1, 3],
          [5, 6],
        ],
        [2, 5.5],
      ),
    ).toEqual([[1, 6]]);
    expect(addRange([[5, 6]], [0, 1])).toEqual([
      [0, 1],
      [5, 6],
    ]);
    expect(
      removeAt(
        [
          [1, 3],
          [5, 6],
        ],
        5.5,
      ),
    ).toEqual([[1, 3]]);
    expect(
      removeAt(
        [
          [1, 3],
          [5, 6],
        ],
        4,
      ),
    ).toEqual([]);
    expect(removeAt(undefined, 4)).toEqual([]);
  });

  it('orders the axes as the user moved them, the axes not named keeping their default order after', () => {
    const dims = buildDimensions(tasks, params, [acc]);
    const ids = dims.map((d) => d.id);
    expect(orderDimensions(dims, []).map((d) => d.id)).toEqual(ids);
    expect(orderDimensions(dims, [ids[2], ids[0]]).map((d) => d.id)).toEqual([ids[2], ids[0], ids[1]]);
    // An id no longer drawn (a parameter unpicked) is ignored.
    expect(orderDimensions(dims, ['p:gone', ids[1]]).map((d) => d.id)).toEqual([ids[1], ids[0], ids[2]]);
  });

  it('moves an axis to another place', () => {
    expect(moveAxis(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveAxis(['a', 'b', 'c', 'd'], 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveAxis(['a', 'b', 'c'], 1, 9)).toEqual(['a', 'c', 'b']);
    expect(moveAxis(['a', 'b'], 5, 0)).toEqual(['a', 'b']);
  });

  it('lands a dragged axis on the nearest axis position', () => {
    // Three axes at x 70, 270 and 470.
    expect(slotAt(60, 3, frame)).toBe(0);
    expect(slotAt(180, 3, frame)).toBe(1);
    expect(slotAt(380, 3, frame)).toBe(2);
    expect(slotAt(2000, 3, frame)).toBe(2);
  });

  it('moves the points of an axis being dragged sideways with it', () => {
    const dims = buildDimensions(tasks, params, [acc]);
    const still = drawLines(tasks, dims, {}, null, frame);
    const dragged = drawLines(tasks, dims, {}, null, frame, { index: 1, dx: 35 });
    const xs = (d: string) => [...d.matchAll(/[ML]([-\d.]+) /g)].map((m) => Number(m[1]));
    expect(xs(dragged[0].d)).toEqual([xs(still[0].d)[0], xs(still[0].d)[1] + 35, xs(still[0].d)[2]]);
  });

  it('keeps neighbouring axes apart by widening the chart, and cuts titles to what fits above it', () => {
    expect(chartWidth(5, 1000)).toBe(1000);
    expect(chartWidth(60, 1000)).toBe(MARGIN.left + MARGIN.right + 59 * MIN_AXIS_SPACING);
    expect(chartWidth(1, 100)).toBe(MARGIN.left + MARGIN.right);
    // Titles slant 30°: they may be as long as the top margin (above the axes) and the right margin
    // (beside the last axis) allow, at about 6.2 px a character.
    const room = Math.min((MARGIN.top - 24) / Math.sin(Math.PI / 6), (MARGIN.right - 8) / Math.cos(Math.PI / 6));
    expect(TITLE_CHARS).toBe(Math.floor(room / 6.2));
    expect(shortTitle('Args/lr', 10)).toBe('Args/lr');
    expect(shortTitle('Args/learning_rate_schedule', 10)).toBe('Args/lear…');
    expect(shortTitle('Args/learning rate', 11)).toBe('Args/learn…');
  });

  it('writes long titles shortened, keeping the full label', () => {
    const label = (i: number) => `General/a_rather_long_parameter_name_${i}`;
    const dims = [0, 1].map((i) => ({
      id: `p:${i}`,
      label: label(i),
      axis: { range: [0, 1] as [number, number], tickvals: [], ticktext: [] },
    }));
    const axes = drawAxes([...dims, { ...dims[0], id: 'p:short', label: 'Args/lr' }] as never, {}, { width: 1000, height: 400 });
    expect(axes[0].label).toBe(label(0));
    expect(axes[0].title).toBe(shortTitle(label(0), TITLE_CHARS));
    expect(axes[0].title.length).toBe(TITLE_CHARS);
    expect(axes[0].title.endsWith('…')).toBeTrue();
    expect(axes[2].title).toBe('Args/lr');
  });

  it('spaces axes for the tick labels left of them (past the first axis), and cuts longer labels in the middle to the room drawn', () => {
    const measure = (text: string) => text.length * 5;
    const dim = (ticktext: string[]) => ({
      id: ticktext.join(),
      label: 'x',
      axis: { range: [0, 1], tickvals: ticktext.map((_, i) => i), ticktext, positions: [] },
    });
    // Short labels: the titles' spacing.
    expect(axisSpacing([dim(['1']), dim(['2', '3'])] as never, measure)).toBe(MIN_AXIS_SPACING);
    // The first axis' labels have the left margin: only the others count.
    expect(axisSpacing([dim(['a very long category']), dim(['0.1'])] as never, measure)).toBe(MIN_AXIS_SPACING);
    // Room for MIN_TICK_CHARS characters of the widest label, however long it is.
    const wide = axisSpacing([dim(['1']), dim(['0.0001', 'cosine_warmup_restarts'])] as never, measure);
    expect(wide).toBe(MIN_TICK_CHARS * 5 + TICK_PAD);
    expect(chartWidth(20, 700, wide)).toBe(MARGIN.left + MARGIN.right + 19 * wide);

    expect(cutTickText('cosine_warmup_restarts', 11)).toBe('cosin…tarts');
    expect(fitTickText('cosine', 30, measure)).toBe('cosine');
    expect(fitTickText('cosine_warmup_restarts', 30, measure)).toBe('cos…ts');
    expect(fitTickText('cosine_warmup_restarts', 30, measure).length * 5).toBeLessThanOrEqual(30);
    // Drawn: each axis' labels cut to the space to the axis on its left, the whole label kept.
    const dims = [dim(['a']), dim(['cosine_warmup_restarts', 'step'])];
    const axes = drawAxes(dims as never, {}, { width: MARGIN.left + MARGIN.right + 60, height: 300 }, measure);
    expect(axes[1].ticks.map((t) => [t.text, t.full])).toEqual([
      [fitTickText('cosine_warmup_restarts', 60 - TICK_PAD, measure), 'cosine_warmup_restarts'],
      ['step', null],
    ]);
    expect(axes[1].ticks[0].text.length * 5).toBeLessThanOrEqual(60 - TICK_PAD);
  });
});
