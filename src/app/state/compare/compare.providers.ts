import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as compareEffects from './compare.effects';
import { compareFeature } from './compare.feature';
import * as liveEffects from './live-updates.effects';
import * as groupEffects from '../groups/groups.effects';
import { groupParamsFeature } from '../groups/groups.feature';

/** The compare store and its effects (with the grouping of the compared tasks), as the compare page and the embed page both provide them. */
export const COMPARE_STATE_PROVIDERS = [
  provideState(compareFeature),
  provideState(groupParamsFeature),
  provideEffects(compareEffects, liveEffects, groupEffects),
];
