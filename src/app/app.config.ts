import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { UrlSerializer, provideRouter, withComponentInputBinding } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideRouterStore, routerReducer, RouterState } from '@ngrx/router-store';
import { provideStore } from '@ngrx/store';
import { routes } from './app.routes';
import { authInterceptor } from './core/auth/auth.interceptor';
import { MergedRouterStateSerializer } from './url/router-state';
import { ReadableUrlSerializer } from './url/readable-url';
import { RUNTIME_CONFIG, RuntimeConfig } from './core/runtime-config';
import * as serverInfoEffects from './core/server/server-info.effects';
import { serverInfoFeature } from './core/server/server-info.feature';

export function appConfig(runtimeConfig: RuntimeConfig): ApplicationConfig {
  return {
    providers: [
      provideBrowserGlobalErrorListeners(),
      provideZonelessChangeDetection(),
      { provide: RUNTIME_CONFIG, useValue: runtimeConfig },
      provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
      provideRouter(routes, withComponentInputBinding()),
      { provide: UrlSerializer, useClass: ReadableUrlSerializer },
      provideStore({ router: routerReducer, [serverInfoFeature.name]: serverInfoFeature.reducer }),
      provideEffects(serverInfoEffects),
      provideRouterStore({ serializer: MergedRouterStateSerializer, routerState: RouterState.Minimal }),
    ],
  };
}
