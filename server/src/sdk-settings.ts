/**
 * What a user exports so that the ClearML Python SDK logs into this server. The SDK refuses to
 * start without an access/secret key pair: without configured access keys this server accepts any
 * pair; with them, one of them.
 */
export function sdkEnvironment(host: string, port: number, keysConfigured = false): Record<string, string> {
  const wildcard = ['0.0.0.0', '::', '[::]', ''].includes(host);
  const shown = wildcard ? '127.0.0.1' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const base = `http://${shown}:${port}`;
  return {
    CLEARML_API_HOST: `${base}/api`,
    CLEARML_WEB_HOST: base,
    CLEARML_FILES_HOST: `${base}/files`,
    CLEARML_API_ACCESS_KEY: keysConfigured ? '<one of your access keys>' : 'local',
    CLEARML_API_SECRET_KEY: keysConfigured ? '<its secret key>' : 'local',
  };
}

/** The lines printed on start, after the "running at" line. */
export function sdkSettingsText(host: string, port: number, keysConfigured = false): string {
  const lines = Object.entries(sdkEnvironment(host, port, keysConfigured)).map(([name, value]) => `  export ${name}=${value}`);
  return ['To log from a training script with the ClearML Python SDK (clearml), export:', ...lines].join('\n');
}
