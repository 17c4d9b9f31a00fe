import { alignTexts, splitLines, wordParts } from './text-diff';

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
    expect(wordParts('torch==2.2.0', 'torch==2.3.0')).toEqual([{ text: 'torch==', changed: false }, { text: '2.3.0', changed: true }]);
    expect(wordParts('lr: 0.1 momentum', 'lr: 0.2 momentum')).toEqual([
      { text: 'lr: ', changed: false },
      { text: '0.2', changed: true },
      { text: ' momentum', changed: false },
    ]);
  });
});
