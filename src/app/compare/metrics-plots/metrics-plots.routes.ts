import { Routes } from '@angular/router';
import { PlotsTab } from './plots-tab';

export const METRICS_PLOTS_ROUTES: Routes = [{ path: '', component: PlotsTab, data: { title: 'Plots' } }];
