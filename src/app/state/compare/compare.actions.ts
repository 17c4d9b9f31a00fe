import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { TaskSummary } from '../../core/api/models';
import { TaskChangeMarks } from './live-updates';

export const ComparePageActions = createActionGroup({
  source: 'Compare Page',
  events: {
    'Task Removed': props<{ taskId: string }>(),
    'Base Task Set': props<{ taskId: string }>(),
    'Task Moved': props<{ from: number; to: number }>(),
    'Tasks Applied': props<{ taskIds: string[] }>(),
    'Missing Tasks Removed': emptyProps(),
    /** A link with more tasks than can be compared keeps its first MAX_COMPARED_TASKS. */
    'First Tasks Kept': emptyProps(),
    /** The entries of a link that are not task ids are dropped from it. */
    'Unreadable Ids Removed': emptyProps(),
    'Retry Clicked': emptyProps(),
    Opened: emptyProps(),
    'Task Color Changed': props<{ taskId: string; color: string | null }>(),
  },
});

export const ComparePreferencesActions = createActionGroup({
  source: 'Compare Preferences',
  events: {
    'Task Colors Restored': props<{ colors: Record<string, string> }>(),
  },
});

export const CompareApiActions = createActionGroup({
  source: 'Compare API',
  events: {
    'Task Headers Loaded': props<{ requestedIds: string[]; tasks: TaskSummary[] }>(),
    'Task Headers Load Failed': props<{ requestedIds: string[]; message: string }>(),
  },
});

/** Live updates: the change marks of the compared tasks, checked on an interval while one is running. */
export const CompareLiveActions = createActionGroup({
  source: 'Compare Live',
  events: {
    'Changes Checked': props<{ taskIds: string[]; tasks: TaskChangeMarks[] }>(),
    'Changes Check Failed': props<{ taskIds: string[]; message: string }>(),
  },
});

/**
 * A tab changed a view option (smoothing, group by, selected metrics...). Options live in the URL
 * query; `null` removes one (defaults are left out of the URL). One effect writes them.
 */
export const CompareViewActions = createActionGroup({
  source: 'Compare View',
  events: {
    'Options Changed': props<{ options: Record<string, string | null> }>(),
  },
});
