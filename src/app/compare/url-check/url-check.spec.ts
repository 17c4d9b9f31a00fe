import { checkCompareUrl, checkView, describeProblems, optionsToClear, splitCompareUrl } from './url-check';

const IDS = 'compare-tasks;ids=0123456789abcdef0123456789abcdef,fedcba9876543210fedcba9876543210';

describe('compare URL check', () => {
  it('accepts every known view and the values the app writes', () => {
    for (const url of [
      `/${IDS}`,
      `/${IDS}/details?hide=1&raw=1`,
      `/${IDS}/hyper-params/values?hide=true`,
      `/${IDS}/hyper-params/graph?pcMetrics=a`,
      `/${IDS}/hyper-params/scatter?scLog=on`,
      `/${IDS}/scalars/graph?smooth=0.6&x=wall&log=1&hover=closest&group=metric`,
      `/${IDS}/scalars/graph?hide=0123456789abcdef0123456789abcdef`,
      `/${IDS}/scalars/max-values?extremes=1&diff=0`,
      `/${IDS}/metrics-plots?plotsGroup=metric&plotsDiff=1`,
      `/${IDS}/debug-images?iter=-1&sync=1&metric=anything`,
      `/${IDS}/scalars?live=off&refresh=30`,
    ]) {
      expect(checkCompareUrl(url)).withContext(url).toEqual([]);
    }
  });

  it('reports an unknown tab or view with what is shown instead', () => {
    expect(checkView(['nonsense'])).toEqual({ view: 'details', problem: { name: 'view', value: 'nonsense', fallback: 'Details' } });
    expect(checkView(['scalars', 'bogus']).view).toBe('scalars/graph');
    expect(checkView(['scalars', 'bogus']).problem?.fallback).toBe('Scalars: Graph');
    expect(checkView(['details', 'extra']).problem?.fallback).toBe('Details');
    expect(checkView(['hyper-params']).problem).toBeNull();
    expect(checkCompareUrl(`/${IDS}/%3Cscript%3E`)).toEqual([{ name: 'view', value: '<script>', fallback: 'Details' }]);
  });

  it('reports garbage in every fixed-form option of the view', () => {
    const problems = checkCompareUrl(
      `/${IDS}/scalars/graph?smooth=abc&x=sideways&log=maybe&hover=%00&group=&hide=not-an-id&live=perhaps&refresh=-5`,
    );
    expect(problems.map((p) => p.name).sort()).toEqual(['group', 'hide', 'hover', 'live', 'log', 'refresh', 'smooth', 'x']);
    expect(problems.find((p) => p.name === 'smooth')).toEqual({ name: 'smooth', value: 'abc', fallback: 'no smoothing' });
    expect(checkCompareUrl(`/${IDS}/scalars/graph?smooth=2`)[0].name).toBe('smooth');
    expect(checkCompareUrl(`/${IDS}/scalars/graph?smooth=Infinity`)[0].name).toBe('smooth');
    expect(checkCompareUrl(`/${IDS}/metrics-plots?plotsGroup=x&plotsDiff=yes`).length).toBe(2);
    expect(checkCompareUrl(`/${IDS}/debug-images?iter=1e99`)[0].name).toBe('iter');
    expect(checkCompareUrl(`/${IDS}/hyper-params/scatter?scLog=loud`)[0].name).toBe('scLog');
  });

  it('checks options only on the views that read them', () => {
    // `hide` is a task list on Scalars but a flag on Details: each view its own rule.
    expect(checkCompareUrl(`/${IDS}/details?hide=0123456789abcdef0123456789abcdef`).map((p) => p.name)).toEqual(['hide']);
    expect(checkCompareUrl(`/${IDS}/details?smooth=abc`)).toEqual([]);
  });

  it('leaves other pages and unreadable URLs alone', () => {
    expect(checkCompareUrl('/tasks?smooth=abc')).toEqual([]);
    expect(checkCompareUrl('/embed;ids=x/scalars?smooth=abc')).toEqual([]);
    expect(checkCompareUrl('')).toEqual([]);
    expect(splitCompareUrl(`/${IDS}/%E0%A4%A/x`)?.view).toEqual(['%E0%A4%A', 'x']);
  });

  it('says what was replaced in one readable sentence and clears the bad options', () => {
    const problems = checkCompareUrl(`/${IDS}/nowhere?smooth=${'9'.repeat(100)}&live=x`);
    const text = describeProblems(problems);
    expect(text).toContain('view "nowhere" (showing Details)');
    expect(text).toContain('live="x" (using auto-refresh on)');
    expect(text.length).toBeLessThan(300);
    expect(optionsToClear(problems)).toEqual({ live: null });
    const many = describeProblems(Array.from({ length: 7 }, (_, i) => ({ name: `o${i}`, value: 'v', fallback: 'd' })));
    expect(many).toContain('and 3 more');
  });
});
