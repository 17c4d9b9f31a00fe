import type { Endpoint } from '../http/endpoint';
import { authEndpoints } from './auth/auth-endpoints';
import { eventEndpoints } from './events/event-endpoints';
import { loginEndpoints } from './login/login-endpoints';
import { modelEndpoints } from './models/model-endpoints';
import { organizationEndpoints } from './organization/organization-endpoints';
import { projectEndpoints } from './projects/project-endpoints';
import { serverEndpoints } from './server/server-endpoints';
import { taskEndpoints } from './tasks/task-endpoints';
import { userEndpoints } from './users/user-endpoints';
import { workerEndpoints } from './workers/worker-endpoints';

/** Every API endpoint, by ClearML service (clearml-server's apiserver/schema/services/<service>.conf). */
export const apiEndpoints: readonly Endpoint[] = [
  ...serverEndpoints,
  ...authEndpoints,
  ...loginEndpoints,
  ...userEndpoints,
  ...organizationEndpoints,
  ...projectEndpoints,
  ...taskEndpoints,
  ...eventEndpoints,
  ...modelEndpoints,
  ...workerEndpoints,
];
