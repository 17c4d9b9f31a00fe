import { Data } from 'plotly.js-dist-min';
import { appendedPoints } from './plot-append';
import { PlotFigure } from './plot-figure';

const line = (x: number[], y: number[], extra: Record<string, unknown> = {}) =>
  ({ type: 'scatter', mode: 'lines', x, y, ...extra }) as Data;
const figure = (data: Data[], title = 'loss'): PlotFigure => ({ data, layout: { title: { text: title } } });

describe('appendedPoints', () => {
  it('gives the new tail of each grown trace, skipping unchanged ones', () => {
    const before = figure([line([1, 2], [5, 4]), line([1], [9]), line([1, 2, 3], [1, 1, 1])]);
    const after = figure([line([1, 2, 3, 4], [5, 4, 3, 2]), line([1], [9]), line([1, 2, 3, 4], [1, 1, 1, 0])]);
    expect(appendedPoints(before, after)).toEqual({ update: { x: [[3, 4], [4]], y: [[3, 2], [0]] }, indices: [0, 2] });
  });

  it('appends where only the datarevision (naming the data arrays) differs besides the points', () => {
    const revised = (data: Data[], datarevision: string): PlotFigure => ({ data, layout: { title: { text: 'loss' }, datarevision } });
    const before = revised([line([1, 2], [5, 4])], 'all|1.2');
    expect(appendedPoints(before, revised([line([1, 2, 3], [5, 4, 3])], 'all|3.4'))).toEqual({
      update: { x: [[3]], y: [[3]] },
      indices: [0],
    });
  });

  it('says nothing was added when the figures are equal', () => {
    expect(appendedPoints(figure([line([1], [NaN])]), figure([line([1], [NaN])]))).toEqual({ update: {}, indices: [] });
  });

  it('refuses any change other than points appended at the end', () => {
    const before = figure([line([1, 2], [5, 4])]);
    expect(appendedPoints(before, figure([line([1, 2, 3], [5, 4.5, 3])]))).toBeNull(); // an old point moved
    expect(appendedPoints(before, figure([line([1], [5])]))).toBeNull(); // points removed
    expect(appendedPoints(before, figure([line([1, 2, 3], [5, 4])]))).toBeNull(); // x and y grew unevenly
    expect(appendedPoints(before, figure([line([1, 2, 3], [5, 4, 3], { visible: 'legendonly' })]))).toBeNull(); // a setting changed
    expect(appendedPoints(before, figure([line([1, 2, 3], [5, 4, 3])], 'accuracy'))).toBeNull(); // the layout changed
    expect(appendedPoints(before, figure([line([1, 2, 3], [5, 4, 3]), line([1], [1])]))).toBeNull(); // a trace was added
    // An envelope is drawn as a closed shape (forward, then back): new points land in its middle.
    const band = (x: number[]) => line([...x, ...[...x].reverse()], x.map(() => 1).concat(x.map(() => 0)), { fill: 'toself' });
    expect(appendedPoints(figure([band([1, 2])]), figure([band([1, 2, 3])]))).toBeNull();
  });
});
