import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';
import { warmPageFor } from './app/app.routes';
import { loadRuntimeConfig } from './app/core/runtime-config';

const base = new URL(document.baseURI).pathname;
if (location.pathname.startsWith(base)) warmPageFor(`/${location.pathname.slice(base.length)}`);

loadRuntimeConfig(fetch)
  .then((runtimeConfig) => bootstrapApplication(App, appConfig(runtimeConfig)))
  .catch((err) => console.error(err));
