/** The text to show for anything thrown or rejected: an Error's message, or the value itself as text. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
