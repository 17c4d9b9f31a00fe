import { ComponentFixture, TestBed } from '@angular/core/testing';
import { SampleThumb } from './sample-thumb';

describe('SampleThumb', () => {
  let fixture: ComponentFixture<SampleThumb>;
  const el = () => fixture.nativeElement as HTMLElement;

  async function render(url: string): Promise<void> {
    fixture.componentRef.setInput('sample', { task: 't', metric: 'm', variant: 'v', iter: 3, url });
    await fixture.whenStable();
  }

  beforeEach(() => (fixture = TestBed.createComponent(SampleThumb)));

  it('shows an image lazily, with a fixed size, captioned with metric/variant and iteration', async () => {
    await render('/files/a.png');
    const img = el().querySelector('img')!;
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('width')).toBe('140');
    expect(img.getAttribute('height')).toBe('140');
    expect(el().textContent).toContain('m / v');
    expect(el().textContent).toContain('iteration 3');
  });

  it('replaces a file that fails to load by a placeholder with its URL, until the sample changes', async () => {
    await render('/files/missing.png');
    el().querySelector('img')!.dispatchEvent(new Event('error'));
    await fixture.whenStable();
    expect(el().querySelector('img')).toBeNull();
    expect(el().querySelector('[data-testid="sample-broken"]')!.textContent).toContain('/files/missing.png');
    await render('/files/other.png');
    expect(el().querySelector('img')).not.toBeNull();
  });

  it('never loads a URL that is not http(s) or relative', async () => {
    await render('javascript:alert(1)');
    expect(el().querySelector('img')).toBeNull();
    expect(el().querySelector('[data-testid="sample-broken"]')!.textContent).toContain('javascript:alert(1)');
  });

  it('shows an audio tile for audio, emits when clicked, and a placeholder when the file is missing', async () => {
    await render('/files/a.wav');
    let opened = 0;
    fixture.componentInstance.opened.subscribe(() => opened++);
    expect(el().querySelector('[data-testid="audio-tile"]')).not.toBeNull();
    el().querySelector('button')!.click();
    expect(opened).toBe(1);
    el().querySelector('audio')!.dispatchEvent(new Event('error'));
    await fixture.whenStable();
    expect(el().querySelector('[data-testid="sample-broken"]')!.textContent).toContain('/files/a.wav');
  });
});
