import { createActionGroup, emptyProps } from '@ngrx/store';

export const DetailsTextsPageActions = createActionGroup({
  source: 'Details Texts',
  events: {
    /** The long texts failed to load; the person asks for them again. */
    'Retry Clicked': emptyProps(),
  },
});
