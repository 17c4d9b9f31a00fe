import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as compareEffects from './compare.effects';
import { compareFeature } from './compare.feature';
import * as liveEffects from './live-updates.effects';

/** The compare store and its effects, as the compare page and the embed page both provide them. */
export const COMPARE_STATE_PROVIDERS = [provideState(compareFeature), provideEffects(compareEffects, liveEffects)];
