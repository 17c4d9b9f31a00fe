import { unkeptFields, type Notices } from '../../http/notices';

/** Request keys that steer a call rather than carry task data. */
const CONTROL_KEYS = ['task', 'force'];

/**
 * Notices, once per field, task fields a `tasks.create` / `tasks.edit` body carries that the
 * server does not keep (such as `output_dest` or `input`).
 */
export function notStoredFields(notices: Notices, action: string, body: object, kept: Record<string, unknown>): void {
  const keep = new Set([...Object.keys(kept), ...CONTROL_KEYS]);
  for (const field of unkeptFields(body as Record<string, unknown>, keep)) {
    notices.once(`task field ${field}`, `task field '${field}' (sent with ${action}) is accepted and ignored`);
  }
}
