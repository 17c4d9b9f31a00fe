import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';
import { loadRuntimeConfig } from './app/core/runtime-config';

loadRuntimeConfig(fetch)
  .then((runtimeConfig) => bootstrapApplication(App, appConfig(runtimeConfig)))
  .catch((err) => console.error(err));
