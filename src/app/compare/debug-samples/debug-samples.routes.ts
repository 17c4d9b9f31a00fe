import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { DebugSamplesTab } from './debug-samples-tab';
import * as debugSamplesEffects from './state/debug-samples.effects';
import { debugSamplesFeature } from './state/debug-samples.feature';

export const DEBUG_SAMPLES_ROUTES: Routes = [
  {
    path: '',
    component: DebugSamplesTab,
    providers: [provideState(debugSamplesFeature), provideEffects(debugSamplesEffects)],
  },
];
