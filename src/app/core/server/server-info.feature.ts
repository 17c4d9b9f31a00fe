import { createActionGroup, createFeature, createReducer, createSelector, on, props } from '@ngrx/store';
import { ServerCapabilities } from './server-capabilities';

export const ServerInfoActions = createActionGroup({
  source: 'Server Info',
  events: {
    /** `server.info` answered (or failed: then the plain ClearML capabilities). */
    'Capabilities Loaded': props<{ capabilities: ServerCapabilities }>(),
  },
});

export interface ServerInfoState {
  /** Null until `server.info` has answered. */
  capabilities: ServerCapabilities | null;
}

export const serverInfoFeature = createFeature({
  name: 'serverInfo',
  reducer: createReducer<ServerInfoState>(
    { capabilities: null },
    on(ServerInfoActions.capabilitiesLoaded, (_, { capabilities }): ServerInfoState => ({ capabilities })),
  ),
});

/**
 * The server's capabilities; null until known. Whatever sends a request shaped by them waits for
 * this (it is asked once, at start, and answers quickly).
 */
export const selectCapabilities = createSelector(
  (state: Record<string, unknown>) => state[serverInfoFeature.name] as ServerInfoState | undefined,
  (state) => state?.capabilities ?? null,
);
