import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as taskDetailsEffects from '../../state/task-details/task-details.effects';
import { taskDetailsFeature } from '../../state/task-details/task-details.feature';
import { DetailsTab } from './details-tab';
import { DetailsTexts } from './details-texts';
import * as detailsTextsEffects from './state/details-texts.effects';
import * as taskModelsEffects from './state/task-models.effects';
import { taskModelsFeature } from './state/task-models';

export const DETAILS_ROUTES: Routes = [
  {
    path: '',
    component: DetailsTab,
    providers: [
      provideState(taskDetailsFeature),
      provideState(taskModelsFeature),
      provideEffects(taskDetailsEffects, taskModelsEffects, detailsTextsEffects),
      DetailsTexts,
    ],
  },
];
