import { endpoint, type Endpoint } from './endpoint';

/**
 * A call the ClearML SDK may make that has nothing to keep here (no workers, vaults or metadata):
 * it answers success with the data the SDK reads, so a training run never breaks on it, and the
 * operator is told once that it was ignored.
 */
export function ignoredEndpoint(name: string, answer: object, why: string): Endpoint {
  return endpoint({
    name,
    body: { type: 'object' },
    handler: (_body, { notices }) => {
      notices.once(`endpoint ${name}`, `${name} is accepted and ignored (${why})`);
      return answer;
    },
  });
}
