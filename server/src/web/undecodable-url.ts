/**
 * A link to the app whose path does not decode (`/compare-tasks;ids=%%%zz`, a truncated UTF-8
 * escape): the same address with each broken escape written as a literal `%` (`%25`), so the
 * browser can ask again and the app opens with its own message about the link, instead of the
 * server's JSON error. Null for the API, the files, paths outside the app, and anything that would
 * leave the site (`//host`).
 */
export function repairedAppUrl(url: string, basePath = '/'): string | null {
  const path = url.split('?')[0];
  if (!path.startsWith(basePath) || /^[/\\]{2}/.test(path)) return null;
  const appPath = path.slice(basePath.length - 1);
  if (/^\/(?:api|files)(?:[/;%]|$)/i.test(appPath)) return null;
  const repaired = url.replace(/%(?![0-9a-fA-F]{2})/g, '%25').replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      decodeURIComponent(run);
      return run;
    } catch {
      return run.replace(/%/g, '%25');
    }
  });
  return repaired === url ? null : repaired;
}
