import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import { Task } from '../../core/api/models';
import { TasksApi } from '../../core/api/tasks-api';
import { ComparisonSection } from '../side-by-side/comparison-model';
import { TEXT_FIELDS } from '../side-by-side/state/task-details-chunks';
import { DetailsTexts } from './details-texts';

const bytesOf = (tasks: object[]) => new TextEncoder().encode(JSON.stringify({ meta: {}, data: { tasks } })).buffer;

describe('DetailsTexts (where workers are missing)', () => {
  const realWorker = window.Worker;
  beforeEach(() => {
    // A worker that cannot start: texts and comparisons stay on this thread.
    (window as { Worker: unknown }).Worker = function () {
      throw new Error('no workers here');
    };
  });
  afterEach(() => ((window as { Worker: unknown }).Worker = realWorker));

  it('fetches texts in chunks of the text fields only, keeps them, and compares with them once asked', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const getByIdsBytes = jasmine.createSpy('getByIdsBytes').and.callFake((chunk: string[]) =>
      chunk.includes('g') ? throwError(() => new Error('down')) : of(bytesOf(chunk.map((id) => ({ id, script: { requirements: { pip: `x==${id === 'a' ? 1 : 2}\n` } } })))));
    TestBed.configureTestingModule({ providers: [DetailsTexts, { provide: TasksApi, useValue: { getByIdsBytes } }] });
    const texts = TestBed.inject(DetailsTexts);
    texts.load(ids);
    expect(getByIdsBytes.calls.allArgs()).toEqual([[ids.slice(0, 5), TEXT_FIELDS], [['f', 'g'], TEXT_FIELDS]]);
    expect([...texts.loaded()]).toEqual(ids.slice(0, 5));
    expect([...texts.loading()]).toEqual([]);
    expect(texts.error()).toBe('down');

    const light = (id: string) => ({ id, name: id, script: { branch: 'main' } }) as Task;
    let pending: ComparisonSection[] = [];
    texts.compare([light('a'), light('b')], false, true, (s) => (pending = s), fail);
    expect(rowIds(pending)).toContain('texts-loading');
    let done: ComparisonSection[] = [];
    texts.compare([light('a'), light('b')], false, false, (s) => (done = s), fail);
    const packages = done.find((s) => s.id === 'execution')!.rows.find((r) => r.id === 'packages:x');
    expect(packages?.differs).toBeTrue();
    // Compared without c, d and e: their texts are dropped, and they would be fetched again.
    expect([...texts.loaded()]).toEqual(['a', 'b']);
  });

  function rowIds(sections: ComparisonSection[]): string[] {
    return sections.flatMap((s) => s.rows.map((r) => r.id));
  }

  function fail(message: string): void {
    throw new Error(message);
  }
});
