import { Routes } from '@angular/router';
import { TabPlaceholder } from '../shell/tab-placeholder';

export const DEBUG_IMAGES_ROUTES: Routes = [{ path: '', component: TabPlaceholder, data: { title: 'Debug samples' } }];
