import { alignLines, alignTexts, splitLines, wordParts } from './text-diff';

describe('text-diff', () => {
  it('splits lines without a trailing empty line', () => {
    expect(splitLines('a\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('')).toEqual([]);
  });

  it('lines up equal lines, pairs changed lines and gives extra lines rows of their own', () => {
    const aligned = alignTexts(['a\nb\nc\n', 'a\nB\nc\nd\n', 'x\na\nc\n']);
    expect(aligned.lines).toEqual([
      [null, null, 'x'],
      ['a', 'a', 'a'],
      ['b', 'B', null],
      ['c', 'c', 'c'],
      [null, 'd', null],
    ]);
    expect(aligned.unaligned).toEqual([false, false, false]);
  });

  it('keeps a missing text missing on every line', () => {
    const aligned = alignTexts(['a\nb', null]);
    expect(aligned.lines).toEqual([
      ['a', null],
      ['b', null],
    ]);
  });

  it('lays out a text too different to diff by position and says so', () => {
    const base = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n');
    const other = Array.from({ length: 50 }, (_, i) => `other ${i}`).join('\n');
    const aligned = alignTexts([base, other], { maxEditLength: 5 });
    expect(aligned.unaligned).toEqual([false, true]);
    expect(aligned.lines[0]).toEqual(['line 0', 'other 0']);
    expect(aligned.lines.length).toBe(50);
  });

  it('marks changed words only', () => {
    expect(wordParts('torch==2.2.0', 'torch==2.3.0')).toEqual([
      { text: 'torch==', changed: false },
      { text: '2.3.0', changed: true },
    ]);
    expect(wordParts('lr: 0.1 momentum', 'lr: 0.2 momentum')).toEqual([
      { text: 'lr: ', changed: false },
      { text: '0.2', changed: true },
      { text: ' momentum', changed: false },
    ]);
  });

  it('lines up isolated changed lines in place and a shifted text by a real diff', () => {
    const base = Array.from({ length: 40 }, (_, i) => `line ${i}`);
    const changed = base.map((l, i) => (i === 7 || i === 30 ? `${l} changed` : l));
    const shifted = ['inserted', ...base.slice(0, 39)];
    const aligned = alignLines([base, changed, shifted]);
    expect(aligned.rows).toBe(41);
    const row = (r: number) => Array.from(aligned.index.subarray(r * 3, r * 3 + 3));
    // The inserted line gets a row of its own; the last base line is missing from the shifted text.
    expect(row(0)).toEqual([-1, -1, 0]);
    expect(row(8)).toEqual([7, 7, 8]);
    expect(row(40)).toEqual([39, 39, -1]);
  });

  it('keeps the rows of texts that differ in many places, without a quadratic blow-up', () => {
    const base = Array.from({ length: 20_000 }, (_, i) => `package-${i}==1.0`);
    const other = base.map((l, i) => (i % 100 === 0 ? l.replace('1.0', '2.0') : l));
    const aligned = alignLines([base, other]);
    expect(aligned.rows).toBe(20_000);
    expect(aligned.unaligned).toEqual([false, false]);
    expect(aligned.index[100 * 2 + 1]).toBe(100);
  });
});
