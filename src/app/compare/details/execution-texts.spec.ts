import { diffFiles, packageName, requirementEntries } from './execution-texts';

describe('execution texts', () => {
  it('splits uncommitted changes per file', () => {
    const diff = [
      'diff --git a/train.py b/train.py',
      '--- a/train.py',
      '+++ b/train.py',
      '@@ -1 +1 @@',
      '-a',
      '+b',
      'diff --git a/data.py b/data.py',
      '@@ -2 +2 @@',
      '-c',
      '+d',
    ].join('\n');
    expect(diffFiles(diff).map((f) => f.file)).toEqual(['train.py', 'data.py']);
    expect(diffFiles(diff)[0].text.split('\n').length).toBe(6);
  });

  it('splits bare ---/+++ diffs per file and keeps text without headers whole', () => {
    const diff = ['--- a/x.py', '+++ b/x.py', '@@ -1 +1 @@', '-a', '+b', '--- a/y.py', '+++ b/y.py', '@@ -1 +1 @@', '-c'].join('\n');
    expect(diffFiles(diff).map((f) => f.file)).toEqual(['x.py', 'y.py']);
    expect(diffFiles('some notes').map((f) => f.file)).toEqual(['(changes)']);
  });

  it('names packages as pip does', () => {
    expect(packageName('Torch_Vision==0.17.0')).toBe('torch-vision');
    expect(packageName('numpy >= 1.26')).toBe('numpy');
    expect(packageName('uvicorn[standard]==0.2')).toBe('uvicorn');
    expect(packageName('mylib @ git+https://x/y.git')).toBe('mylib');
  });

  it('keys requirement lines by package so a version change is one row', () => {
    const a = requirementEntries('numpy==1.26.3\n# comment\ntorch==2.2.0\n', 'pkg', 1);
    const b = requirementEntries('Torch==2.3.0\nnumpy==1.26.3\n', 'pkg', 1);
    expect(a.map((e) => e.key)).toEqual(['pkg:numpy', 'pkg:# comment', 'pkg:torch']);
    expect(b.map((e) => e.key)).toEqual(['pkg:torch', 'pkg:numpy']);
  });
});
