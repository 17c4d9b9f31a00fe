import { TestBed } from '@angular/core/testing';
import { MiddleEllipsis, splitName } from './middle-ellipsis';

describe('splitName', () => {
  it('keeps the end of a long name from its last break, the rest may be cut', () => {
    expect(splitName('resnet18 adamw cosine warmup augment=strong sweep seed=12')).toEqual({
      head: 'resnet18 adamw cosine warmup augment=strong ',
      tail: 'sweep seed=12',
    });
    expect(splitName('resnet18 adamw lr=0.003 dropout=0.2')).toEqual({ head: 'resnet18 adamw lr=', tail: '0.003 dropout=0.2' });
  });

  it('splits a short name too (names of a sweep are often short), and leaves a very short one whole', () => {
    expect(splitName('resnet18 adam lr=0.001')).toEqual({ head: 'resnet18 ', tail: 'adam lr=0.001' });
    expect(splitName('resnet18 adam lr=0.1')).toEqual({ head: 'resnet18 ', tail: 'adam lr=0.1' });
    expect(splitName('run_1')).toEqual({ head: 'run_1', tail: '' });
    // Without a break the start keeps three characters.
    expect(splitName('abcdefgh')).toEqual({ head: 'abc', tail: 'defgh' });
  });

  it('cuts a long name without breaks at its last characters', () => {
    const long = 'x'.repeat(30) + 'ABCDEFGHIJKLMNOPQR';
    expect(splitName(long)).toEqual({ head: 'x'.repeat(30), tail: 'ABCDEFGHIJKLMNOPQR' });
  });

  it('never splits a character made of two code units', () => {
    const { head, tail } = splitName('😀'.repeat(40), 18);
    expect(Array.from(tail).length).toBe(18);
    expect(head + tail).toBe('😀'.repeat(40));
  });
});

describe('MiddleEllipsis', () => {
  it('renders the whole name as text (head and tail) with the name as its title', () => {
    const fixture = TestBed.createComponent(MiddleEllipsis);
    fixture.componentRef.setInput('text', 'resnet18 adamw lr=0.001 seed=1 long suffix');
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).toBe('resnet18 adamw lr=0.001 seed=1 long suffix');
    expect(el.getAttribute('title')).toBe('resnet18 adamw lr=0.001 seed=1 long suffix');
    expect(el.querySelector('.tail')?.textContent).toBe('seed=1 long suffix');
  });
});
