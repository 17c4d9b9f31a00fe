import { chunks } from './task-details-chunks';

describe('task details chunks', () => {
  it('splits ids into requests of at most the chunk size, in order', () => {
    expect(chunks(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(chunks([], 10)).toEqual([]);
  });
});
