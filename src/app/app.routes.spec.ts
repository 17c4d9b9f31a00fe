import { PAGE_ROUTES, warmPageFor } from './app.routes';
import { TAB_ROUTES } from './compare/tab-routes';

describe('warmPageFor', () => {
  let calls: string[];
  const pages = { ...PAGE_ROUTES };
  const tabs = { ...TAB_ROUTES };

  beforeEach(() => {
    calls = [];
    for (const page of Object.keys(PAGE_ROUTES)) PAGE_ROUTES[page] = () => (calls.push(page), Promise.resolve([]));
    for (const tab of Object.keys(TAB_ROUTES)) TAB_ROUTES[tab] = () => (calls.push(`tab:${tab}`), Promise.resolve([]));
  });
  afterEach(() => {
    Object.assign(PAGE_ROUTES, pages);
    Object.assign(TAB_ROUTES, tabs);
  });

  it('starts loading the page a URL opens, and its tab, before the app starts', () => {
    warmPageFor('/compare-tasks;ids=a,b/scalars/graph');
    warmPageFor('/embed;ids=a/metrics-plots');
    warmPageFor('/tasks?q=x');
    warmPageFor('/');
    expect(calls).toEqual(['compare-tasks', 'tab:scalars', 'embed', 'tab:metrics-plots', 'tasks', 'tasks']);
  });

  it('loads nothing for an unknown page', () => {
    warmPageFor('/nowhere/else');
    expect(calls).toEqual([]);
  });
});
