import { Routes } from '@angular/router';
import { TabPlaceholder } from '../shell/tab-placeholder';

export const METRICS_PLOTS_ROUTES: Routes = [{ path: '', component: TabPlaceholder, data: { title: 'Plots' } }];
