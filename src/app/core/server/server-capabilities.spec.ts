import { Actions } from '@ngrx/effects';
import { ROOT_EFFECTS_INIT } from '@ngrx/effects';
import { Subject, of, throwError } from 'rxjs';
import { ApiClient } from '../api/api-client';
import { PLAIN_CLEARML, parseCapabilities } from './server-capabilities';
import { loadCapabilities } from './server-info.effects';
import { ServerInfoActions, selectCapabilities, serverInfoFeature } from './server-info.feature';

describe('server capabilities', () => {
  it("reads each advertised extension; clearml-server's server.info (no capabilities) leaves all off", () => {
    const full = {
      version: '1',
      capabilities: {
        scalar_histogram_envelope: true,
        scalar_histogram_x_range: true,
        debug_images_iteration: true,
        max_tasks_per_call: 100,
      },
    };
    expect(parseCapabilities(full)).toEqual({ histogramEnvelope: true, histogramXRange: true, debugImagesIteration: true });
    expect(parseCapabilities({ version: '2.0.0', api_version: '2.31' })).toEqual(PLAIN_CLEARML);
    expect(parseCapabilities({ capabilities: { scalar_histogram_envelope: 'yes', debug_images_iteration: 1 } })).toEqual(PLAIN_CLEARML);
    expect(parseCapabilities(null)).toEqual(PLAIN_CLEARML);
  });

  it('asks server.info once at start; a failed answer means the plain ClearML way', () => {
    const actions$ = new Subject<{ type: string }>();
    const call = jasmine.createSpy('call').and.returnValues(
      of({ capabilities: { scalar_histogram_x_range: true } }),
      throwError(() => new Error('down')),
    );
    const out: unknown[] = [];
    loadCapabilities(actions$ as unknown as Actions, { call } as unknown as ApiClient).subscribe((a) => out.push(a));
    actions$.next({ type: ROOT_EFFECTS_INIT });
    actions$.next({ type: ROOT_EFFECTS_INIT });
    expect(call).toHaveBeenCalledOnceWith('server.info');
    expect(out).toEqual([ServerInfoActions.capabilitiesLoaded({ capabilities: { ...PLAIN_CLEARML, histogramXRange: true } })]);

    const failed: unknown[] = [];
    const again = new Subject<{ type: string }>();
    loadCapabilities(again as unknown as Actions, { call } as unknown as ApiClient).subscribe((a) => failed.push(a));
    again.next({ type: ROOT_EFFECTS_INIT });
    expect(failed).toEqual([ServerInfoActions.capabilitiesLoaded({ capabilities: PLAIN_CLEARML })]);
  });

  it('selects null until known (requests shaped by them wait)', () => {
    expect(selectCapabilities.projector(undefined)).toBeNull();
    expect(selectCapabilities.projector(serverInfoFeature.reducer(undefined, { type: 'other' }))).toBeNull();
    const state = serverInfoFeature.reducer(undefined, ServerInfoActions.capabilitiesLoaded({ capabilities: PLAIN_CLEARML }));
    expect(selectCapabilities.projector(state)).toEqual(PLAIN_CLEARML);
  });
});
