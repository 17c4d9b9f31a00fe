import { DEFAULT_TABLE_QUERY, parseTableQuery, patchTableQuery, tableQueryToParams, toTaskQuery } from './table-query';

describe('table query', () => {
  it('leaves defaults out of the URL', () => {
    expect(tableQueryToParams(DEFAULT_TABLE_QUERY)).toEqual({});
    expect(parseTableQuery({})).toEqual(DEFAULT_TABLE_QUERY);
  });

  it('survives a round trip through URL parameters', () => {
    const query = {
      ...DEFAULT_TABLE_QUERY,
      projects: ['p1', 'p2'],
      search: 'resnet, 50 & co',
      sort: { field: 'name' as const, direction: 'asc' as const },
      statuses: ['failed', 'in_progress'],
      types: ['training'],
      tags: ['best', 'sweep'],
      showArchived: true,
      pageIndex: 3,
      pageSize: 100,
    };
    const params = tableQueryToParams(query);
    expect(params).toEqual({
      project: 'p1,p2', q: 'resnet, 50 & co', sort: 'name', status: 'failed,in_progress', type: 'training',
      tag: 'best,sweep', archived: '1', page: '4', size: '100',
    });
    expect(parseTableQuery(params)).toEqual(query);
  });

  it('falls back to defaults for garbage values', () => {
    const query = parseTableQuery({ sort: '-bogus', status: 'done,failed', type: 'nope', page: '-3', size: '7', archived: 'x' });
    expect(query.sort).toEqual(DEFAULT_TABLE_QUERY.sort);
    expect(query.statuses).toEqual(['failed']);
    expect(query.types).toEqual([]);
    expect(query.pageIndex).toBe(0);
    expect(query.pageSize).toBe(DEFAULT_TABLE_QUERY.pageSize);
    expect(query.showArchived).toBeFalse();
  });

  it('builds the tasks.get_all_ex body, hiding archived tasks unless asked', () => {
    const body = toTaskQuery({ ...DEFAULT_TABLE_QUERY, search: '  lr ', statuses: ['failed'], sort: { field: 'project', direction: 'desc' } });
    expect(body.search_text).toBe('lr');
    expect(body.status).toEqual(['failed']);
    expect(body.order_by?.[0]).toBe('-project.name');
    expect(body.system_tags).toEqual(['-archived']);
    expect(body.project).toBeUndefined();
    expect(toTaskQuery({ ...DEFAULT_TABLE_QUERY, showArchived: true }).system_tags).toBeUndefined();
  });

  it('goes back to the first page when a filter changes, not when the page size does', () => {
    const onPage3 = { ...DEFAULT_TABLE_QUERY, pageIndex: 2 };
    expect(patchTableQuery(onPage3, { tags: ['x'] }).pageIndex).toBe(0);
    expect(patchTableQuery(onPage3, { pageSize: 100 }).pageIndex).toBe(2);
    expect(patchTableQuery(onPage3, { pageIndex: 5 }).pageIndex).toBe(5);
  });
});
