import { Routes } from '@angular/router';
import { TabPlaceholder } from '../shell/tab-placeholder';

export const DETAILS_ROUTES: Routes = [{ path: '', component: TabPlaceholder, data: { title: 'Details' } }];
