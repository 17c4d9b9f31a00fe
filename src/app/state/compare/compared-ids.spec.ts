import { ComparePageActions } from './compare.actions';
import { nextComparedIds } from './compared-ids';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const C = '0123456789abcdef0123456789abcdef';

describe('compared ids', () => {
  it('applies a dialog selection keeping the current order, adding new tasks at the end', () => {
    const action = ComparePageActions.tasksApplied({ taskIds: [C, B] });
    expect(nextComparedIds(action, [A, B], [])).toEqual([B, C]);
  });

  it('removes one task, or all missing ones', () => {
    expect(nextComparedIds(ComparePageActions.taskRemoved({ taskId: A }), [A, B, C], [])).toEqual([B, C]);
    expect(nextComparedIds(ComparePageActions.missingTasksRemoved(), [A, B, C], [B])).toEqual([A, C]);
  });

  it('keeps the first 100 of a longer link, and the ids alone when unreadable entries are dropped', () => {
    const many = Array.from({ length: 130 }, (_, i) => i.toString(16).padStart(32, '0'));
    expect(nextComparedIds(ComparePageActions.firstTasksKept(), many, [])).toEqual(many.slice(0, 100));
    expect(nextComparedIds(ComparePageActions.unreadableIdsRemoved(), [A, B], [])).toEqual([A, B]);
  });
});
