import { TestBed } from '@angular/core/testing';
import { TaskSwatch } from './task-swatch';

describe('TaskSwatch', () => {
  function render(inputs: Record<string, unknown>): HTMLElement {
    const fixture = TestBed.createComponent(TaskSwatch);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('draws a line in the task colour, dashed as its traces are', () => {
    const el = render({ color: '#123456', dash: 'dash' });
    const line = el.querySelector('line')!;
    expect(line.getAttribute('stroke')).toBe('#123456');
    expect(line.getAttribute('stroke-dasharray')).toBeTruthy();
    expect(el.querySelector('path')).toBeNull();
  });

  it('draws the marker shape instead when given a symbol, each symbol its own shape', () => {
    const shapes = new Set<string>();
    for (const symbol of ['circle', 'square', 'diamond', 'triangle-up', 'cross']) {
      const el = render({ color: '#654321', symbol });
      const path = el.querySelector('path')!;
      expect(el.querySelector('line')).toBeNull();
      expect(path.getAttribute('fill')).toBe('#654321');
      expect(path.getAttribute('data-symbol')).toBe(symbol);
      shapes.add(path.getAttribute('d')!);
    }
    expect(shapes.size).toBe(5);
  });
});
