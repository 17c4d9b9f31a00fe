import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as tasksEffects from './state/tasks.effects';
import { tasksFeature } from './state/tasks.feature';
import { TasksPage } from './tasks-page';

export const TASKS_ROUTES: Routes = [
  { path: '', component: TasksPage, providers: [provideState(tasksFeature), provideEffects(tasksEffects)] },
];
