import { TAB_ROUTES, warmTabFor } from './tab-routes';

describe('warmTabFor', () => {
  let calls: string[];
  const originals = { ...TAB_ROUTES };

  beforeEach(() => {
    calls = [];
    for (const tab of Object.keys(TAB_ROUTES)) TAB_ROUTES[tab] = () => (calls.push(tab), Promise.resolve([]));
  });
  afterEach(() => Object.assign(TAB_ROUTES, originals));

  it('starts loading the tab a compare or embed URL opens', () => {
    warmTabFor('/compare-tasks;ids=a,b/scalars/values?extremes=1');
    warmTabFor('/embed;ids=a/metrics-plots?chart=x');
    warmTabFor('/compare-tasks;ids=a,b');
    expect(calls).toEqual(['scalars', 'metrics-plots', 'details']);
  });

  it('loads nothing for other pages or unknown tabs', () => {
    warmTabFor('/tasks?q=x');
    warmTabFor('/compare-tasks;ids=a/nonsense');
    expect(calls).toEqual([]);
  });
});
