import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ViewerStep } from './state/debug-samples.actions';
import { ViewerState } from './state/debug-samples.feature';
import { SampleViewer } from './sample-viewer';

const open = { task: 't', iter: 20, metric: 'm', variant: 'v' };
const viewer = (url: string): ViewerState => ({
  status: 'loaded',
  sample: { ...open, url },
  scrollId: 'c',
  minIteration: 10,
  maxIteration: 30,
  message: null,
});

describe('SampleViewer', () => {
  let fixture: ComponentFixture<SampleViewer>;
  const el = () => fixture.nativeElement as HTMLElement;
  const key = (k: string, target: EventTarget = document.body) =>
    target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));

  async function render(state: ViewerState, iterations: number[] = []): Promise<void> {
    fixture.componentRef.setInput('viewer', state);
    fixture.componentRef.setInput('open', open);
    fixture.componentRef.setInput('iterations', iterations);
    await fixture.whenStable();
  }

  beforeEach(() => (fixture = TestBed.createComponent(SampleViewer)));

  it('steps with the arrow keys and closes with Escape', async () => {
    await render(viewer('/files/a.png'));
    const steps: ViewerStep[] = [];
    let closed = 0;
    fixture.componentInstance.step.subscribe((s) => steps.push(s));
    fixture.componentInstance.closed.subscribe(() => closed++);
    for (const k of ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'a']) key(k);
    expect(steps).toEqual(['previous', 'next', 'newer', 'older']);
    key('Escape');
    expect(closed).toBe(1);
  });

  it('leaves arrow keys to the slider', async () => {
    await render(viewer('/files/a.png'), [10, 20, 30]);
    const steps: ViewerStep[] = [];
    fixture.componentInstance.step.subscribe((s) => steps.push(s));
    key('ArrowLeft', el().querySelector('[data-testid="viewer-slider"]')!);
    expect(steps).toEqual([]);
  });

  it('slides over the known iterations by index', async () => {
    await render(viewer('/files/a.png'), [10, 20, 30]);
    const chosen: number[] = [];
    fixture.componentInstance.iterationChosen.subscribe((i) => chosen.push(i));
    const slider = el().querySelector<HTMLInputElement>('[data-testid="viewer-slider"]')!;
    expect(slider.max).toBe('2');
    expect(slider.value).toBe('1');
    slider.value = '2';
    slider.dispatchEvent(new Event('change'));
    expect(chosen).toEqual([30]);
  });

  it('plays audio and video with players; shows an image zoomable', async () => {
    await render(viewer('/files/a.wav'));
    expect(el().querySelector('audio[controls]')).not.toBeNull();
    await render(viewer('/files/a.webm'));
    expect(el().querySelector('video[controls]')).not.toBeNull();
    await render(viewer('/files/a.png'));
    expect(el().querySelector('app-zoom-pan img')).not.toBeNull();
    expect(el().querySelector('[data-testid="viewer-open-file"]')!.getAttribute('href')).toBe('/files/a.png');
  });

  it('shows a placeholder with the URL for an unsafe URL, and a message when the sample is not found', async () => {
    await render(viewer('data:text/html,<b>x</b>'));
    expect(el().querySelector('[data-testid="viewer-broken"]')!.textContent).toContain('data:text/html');
    expect(el().querySelector('[data-testid="viewer-open-file"]')).toBeNull();
    await render({ ...viewer('/files/a.png'), sample: null, message: 'This sample was not found.' });
    expect(el().querySelector('[data-testid="viewer-message"]')!.textContent).toContain('not found');
  });
});
