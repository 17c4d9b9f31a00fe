import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import { Task } from '../../core/api/models';
import { TasksApi } from '../../core/api/tasks-api';
import { PlainRequests } from '../../core/auth/plain-requests';
import { ComparisonSection } from '../side-by-side/comparison-model';
import { TEXT_FIELDS } from '../../state/task-details/task-details-chunks';
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
    const getByIdsBytes = jasmine
      .createSpy('getByIdsBytes')
      .and.callFake((chunk: string[]) =>
        chunk.includes('g')
          ? throwError(() => new Error('down'))
          : of(bytesOf(chunk.map((id) => ({ id, script: { requirements: { pip: `x==${id === 'a' ? 1 : 2}\n` } } })))),
      );
    TestBed.configureTestingModule({ providers: [DetailsTexts, { provide: TasksApi, useValue: { getByIdsBytes } }] });
    const texts = TestBed.inject(DetailsTexts);
    texts.load(ids);
    expect(getByIdsBytes.calls.allArgs()).toEqual([
      [ids.slice(0, 5), TEXT_FIELDS],
      [['f', 'g'], TEXT_FIELDS],
    ]);
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

  it('asks only for texts neither kept nor under way, and after a failure only on retry', () => {
    const getByIdsBytes = jasmine
      .createSpy('getByIdsBytes')
      .and.callFake((chunk: string[]) =>
        chunk.includes('c') ? throwError(() => new Error('down')) : of(bytesOf(chunk.map((id) => ({ id })))),
      );
    TestBed.configureTestingModule({ providers: [DetailsTexts, { provide: TasksApi, useValue: { getByIdsBytes } }] });
    const texts = TestBed.inject(DetailsTexts);
    texts.loadMissing(['a']);
    texts.loadMissing(['a', 'b']);
    expect(getByIdsBytes.calls.allArgs()).toEqual([
      [['a'], TEXT_FIELDS],
      [['b'], TEXT_FIELDS],
    ]);
    texts.loadMissing(['a', 'b', 'c']);
    expect(texts.error()).toBe('down');
    texts.loadMissing(['a', 'b', 'c', 'd']);
    expect(getByIdsBytes).toHaveBeenCalledTimes(3);
    getByIdsBytes.and.callFake((chunk: string[]) => of(bytesOf(chunk.map((id) => ({ id })))));
    texts.loadMissing(['a', 'b', 'c', 'd'], true);
    expect(getByIdsBytes.calls.mostRecent().args).toEqual([['c', 'd'], TEXT_FIELDS]);
    expect(texts.error()).toBeNull();
    expect([...texts.loaded()].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  function rowIds(sections: ComparisonSection[]): string[] {
    return sections.flatMap((s) => s.rows.map((r) => r.id));
  }

  function fail(message: string): void {
    throw new Error(message);
  }
});

describe('DetailsTexts (with its worker)', () => {
  it('asks again through the HTTP client when the worker gets no answer, and keeps what comes back', async () => {
    // The worker's own request goes to a port nothing listens on: it gets no answer, and the
    // texts come through the app's HTTP client instead (as after a 401).
    const forCall = jasmine
      .createSpy('forCall')
      .and.returnValue({ url: 'http://127.0.0.1:9/api/v2.31/tasks.get_all_ex', headers: {}, body: '{}' });
    const getByIdsBytes = jasmine
      .createSpy('getByIdsBytes')
      .and.callFake((chunk: string[]) =>
        of(bytesOf(chunk.map((id) => ({ id, script: { requirements: { pip: `x==${id === 'a' ? 1 : 2}\n` } } })))),
      );
    TestBed.configureTestingModule({
      providers: [
        DetailsTexts,
        { provide: TasksApi, useValue: { getByIdsBytes, byIdsQuery: (ids: string[]) => ({ id: ids }) } },
        { provide: PlainRequests, useValue: { forCall } },
      ],
    });
    const texts = TestBed.inject(DetailsTexts);
    texts.load(['a', 'b']);
    await expectAsync(waitFor(() => texts.loaded().size === 2)).toBeResolved();
    expect(forCall).toHaveBeenCalledOnceWith('tasks.get_all_ex', { id: ['a', 'b'] });
    expect(getByIdsBytes).toHaveBeenCalledOnceWith(['a', 'b'], TEXT_FIELDS);
    expect(texts.error()).toBeNull();

    const light = (id: string) => ({ id, name: id, script: { branch: 'main' } }) as Task;
    const done = await new Promise<ComparisonSection[]>((resolve, reject) =>
      texts.compare([light('a'), light('b')], false, false, resolve, reject),
    );
    expect(done.find((s) => s.id === 'execution')!.rows.find((r) => r.id === 'packages:x')?.differs).toBeTrue();
    texts.ngOnDestroy();
  });

  it("shows a server's error from the worker's own fetch as it is, without asking again", async () => {
    // This test server answers the worker's request with a 404.
    const getByIdsBytes = jasmine.createSpy('getByIdsBytes');
    TestBed.configureTestingModule({
      providers: [
        DetailsTexts,
        { provide: TasksApi, useValue: { getByIdsBytes, byIdsQuery: (ids: string[]) => ({ id: ids }) } },
        {
          provide: PlainRequests,
          useValue: { forCall: () => ({ url: new URL('/no-such-api', location.href).href, headers: {}, body: '{}' }) },
        },
      ],
    });
    const texts = TestBed.inject(DetailsTexts);
    texts.load(['a']);
    await expectAsync(waitFor(() => texts.error() !== null)).toBeResolved();
    expect(texts.error()).toContain('The server answered 404');
    expect(texts.loaded().size).toBe(0);
    expect(getByIdsBytes).not.toHaveBeenCalled();
    texts.ngOnDestroy();
  });

  async function waitFor(condition: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 25));
    if (!condition()) throw new Error('timed out');
  }
});
