import {
  DEFAULT_TABLE_QUERY,
  escapeRegex,
  pagedLength,
  parseTableQuery,
  patchTableQuery,
  rangeLabel,
  searchFilter,
  tableQueryToParams,
  toTaskQuery,
} from './table-query';

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
      project: 'p1,p2',
      q: 'resnet, 50 & co',
      sort: 'name',
      status: 'failed,in_progress',
      type: 'training',
      tag: 'best,sweep',
      archived: '1',
      page: '4',
      size: '100',
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

  it('sorts only by fields of the task itself: a project or user sort in the URL falls back to the default', () => {
    expect(parseTableQuery({ sort: '-project' }).sort).toEqual(DEFAULT_TABLE_QUERY.sort);
    expect(parseTableQuery({ sort: 'user' }).sort).toEqual(DEFAULT_TABLE_QUERY.sort);
    expect(parseTableQuery({ sort: '-started' }).sort).toEqual({ field: 'started', direction: 'desc' });
  });

  it('builds the tasks.get_all_ex body, hiding archived tasks unless asked', () => {
    const body = toTaskQuery({ ...DEFAULT_TABLE_QUERY, search: '  lr ', statuses: ['failed'], sort: { field: 'type', direction: 'desc' } });
    expect(body._any_).toEqual({ pattern: 'lr', fields: ['name', 'id'] });
    expect(body.search_text).toBeUndefined();
    expect(body.status).toEqual(['failed']);
    expect(body.order_by).toEqual(['-type', '-id']);
    // Names come through dotted fields; the reference itself would be an id only.
    expect(body.only_fields).toContain('project.name');
    expect(body.only_fields).toContain('user.name');
    expect(body.only_fields).not.toContain('project');
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

  it('searches the typed text as it is: regular expression characters are escaped', () => {
    expect(escapeRegex('lr=0.1 (a|b) [x] *+?^$ {2} \\')).toBe('lr=0\\.1 \\(a\\|b\\) \\[x\\] \\*\\+\\?\\^\\$ \\{2\\} \\\\');
    const typed = 'resnet18 (lr=0.1)';
    const pattern = new RegExp(searchFilter(typed)!.pattern, 'i');
    expect(pattern.test('RESNET18 (LR=0.1) seed 2')).toBeTrue();
    expect(pattern.test('resnet18 lr=0x1')).toBeFalse();
    expect(searchFilter('   ')).toBeNull();
  });

  it('counts for the paginator without a server count: up to this page, one more when a page follows', () => {
    expect(pagedLength(2, 50, 50, true)).toBe(151);
    expect(pagedLength(2, 50, 17, false)).toBe(117);
    expect(pagedLength(0, 50, 0, false)).toBe(0);
    expect(pagedLength(2, 50, 50, true, 4000)).toBe(4000);
  });

  it('labels the range with the count, or with "+" while more pages follow', () => {
    expect(rangeLabel(1, 50, 4000, true)).toBe('51 – 100 of 4000');
    expect(rangeLabel(1, 50, 101, false)).toBe('51 – 100 of 100+');
    expect(rangeLabel(2, 50, 117, false)).toBe('101 – 117 of 117');
    expect(rangeLabel(0, 50, 0, false)).toBe('0 of 0');
  });
});
