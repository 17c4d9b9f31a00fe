import { ComponentFixture, TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { Plot } from '../../shared/plot/plot';
import { ScalarChart } from './scalar-chart';
import { parseScalarGraphOptions } from './scalar-graph-options';

describe('ScalarChart', () => {
  let fixture: ComponentFixture<ScalarChart>;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    fixture = TestBed.createComponent(ScalarChart);
    fixture.componentRef.setInput('chart', {
      chartKey: 'mv:loss:train',
      title: 'loss / train',
      metrics: [{ metric: 'loss', variants: ['train'] }],
    });
    fixture.componentRef.setInput('tasks', [{ id: 'a', displayName: 'A', color: '#ff0000', params: '' }]);
    fixture.componentRef.setInput('options', parseScalarGraphOptions({}));
    fixture.componentRef.setInput('series', {
      status: 'loaded',
      request: { chartKey: 'mv:loss:train', metrics: [{ metric: 'loss', variants: ['train'] }], key: 'iter', range: null },
      taskIds: ['a'],
      histogram: { loss: { train: { a: { name: 'A', x: [0, 10], y: [3, 2] } } } },
      error: null,
    });
    fixture.detectChanges();
  });

  it('reports its draw as over when Plotly refuses the figure, so the charts waiting for it go on', () => {
    const plot = fixture.debugElement.query(By.directive(Plot));
    expect(plot).withContext('the chart has a figure to draw').not.toBeNull();
    let drawn = 0;
    fixture.componentInstance.drawn.subscribe(() => drawn++);
    (plot.componentInstance as Plot).failed.emit('Plotly refused the figure');
    expect(drawn).toBe(1);
  });
});
