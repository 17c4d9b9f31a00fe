import { ComponentFixture, TestBed } from '@angular/core/testing';
import { DebugSampleEvent } from '../../core/api/events-api';
import { ColumnMove, SampleIteration, columnPosition } from './sample-navigation';
import { SampleColumn } from './sample-column';
import { SampleColumnView } from './state/debug-samples.feature';

const A = 'a'.repeat(32);
const ev = (iter: number, variant: string): DebugSampleEvent => ({
  task: A,
  metric: 'm',
  variant,
  iter,
  url: `/files/${variant}/${iter}.png`,
});
const iterations: SampleIteration[] = [
  { iter: 20, events: [ev(20, 'x'), ev(20, 'y')] },
  { iter: 10, events: [ev(10, 'x')] },
];

function view(
  target: number | null,
  samples: SampleColumnView['samples'] = {
    status: 'loaded',
    iterations,
    error: null,
    complete: true,
    loadingOlder: false,
    scrollId: null,
    iters: 20,
  },
): SampleColumnView {
  return {
    task: { id: A, isBase: true, color: '#ff0000', displayName: 'run <b>1</b>', task: null },
    metrics: ['m'],
    metric: null,
    samples,
    position: columnPosition(samples?.iterations ?? [], target),
  };
}

describe('SampleColumn', () => {
  let fixture: ComponentFixture<SampleColumn>;
  const button = (id: string) => fixture.nativeElement.querySelector(`[data-testid="${id}"]`) as HTMLButtonElement;

  async function render(column: SampleColumnView): Promise<void> {
    fixture.componentRef.setInput('column', column);
    await fixture.whenStable();
  }

  beforeEach(() => {
    fixture = TestBed.createComponent(SampleColumn);
  });

  it('shows the newest iteration’s samples with older enabled and newer/newest disabled', async () => {
    await render(view(null));
    expect(fixture.nativeElement.querySelectorAll('app-sample-thumb').length).toBe(2);
    expect(button('column-iteration').textContent).toContain('20');
    expect(button('older-button').disabled).toBeFalse();
    expect(button('newer-button').disabled).toBeTrue();
    expect(button('newest-button').disabled).toBeTrue();
    expect(fixture.nativeElement.textContent).toContain('run <b>1</b>');
  });

  it('disables older at the oldest iteration and emits moves', async () => {
    await render(view(10));
    const moves: ColumnMove[] = [];
    fixture.componentInstance.move.subscribe((m) => moves.push(m));
    expect(button('older-button').disabled).toBeTrue();
    button('newer-button').click();
    button('newest-button').click();
    expect(moves).toEqual(['newer', 'newest']);
  });

  it('marks a nearest iteration', async () => {
    await render(view(14));
    expect(button('nearest-marker').textContent).toContain('nearest to 14');
  });

  it('says so when loading, failing or empty', async () => {
    await render(
      view(null, { status: 'loading', iterations: [], error: null, complete: true, loadingOlder: false, scrollId: null, iters: 20 }),
    );
    expect(button('column-loading')).toBeTruthy();
    await render(
      view(null, { status: 'error', iterations: [], error: 'boom', complete: true, loadingOlder: false, scrollId: null, iters: 20 }),
    );
    expect(button('column-error').textContent).toContain('boom');
    await render(
      view(null, { status: 'loaded', iterations: [], error: null, complete: true, loadingOlder: false, scrollId: null, iters: 20 }),
    );
    expect(button('column-empty').textContent).toContain('no debug samples');
  });
});
