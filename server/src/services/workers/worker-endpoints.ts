import { ignoredEndpoint } from '../../http/ignored-endpoint';

/** `workers.*`: there are no workers here; the SDK's reports are answered and ignored. */
export const workerEndpoints = [
  ignoredEndpoint('workers.register', {}, 'there are no workers here'),
  ignoredEndpoint('workers.unregister', {}, 'there are no workers here'),
  ignoredEndpoint('workers.status_report', {}, 'there are no workers here'),
];
