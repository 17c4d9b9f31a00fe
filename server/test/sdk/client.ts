/**
 * A replay of the ClearML Python SDK's wire behaviour (clearml 1.x, api.md "Compatibility with the
 * ClearML Python SDK"), over any HTTP transport: `app.inject` in server tests, Playwright's
 * `request` in e2e. It fails the way the SDK fails: on a response without `meta`, or with
 * `meta.result_code` other than 200.
 */
export interface WireRequest {
  method: 'GET' | 'POST';
  /** A path on the server, e.g. `/api/v2.23/tasks.create` or `/files`. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface WireResponse {
  status: number;
  body: Buffer;
}

export type Transport = (request: WireRequest) => Promise<WireResponse>;

export interface Envelope {
  meta: { result_code: number; result_msg: string; endpoint?: { name: string } };
  data: Record<string, unknown>;
}

export interface CallRecord {
  name: string;
  request: unknown;
  status: number;
  response: Envelope;
}

export interface JwtClaims {
  api_version: string;
  server_version: string;
  feature_set: string;
  exp: number;
  identity?: { user: string };
}

/** The API version the SDK's generated services speak (clearml 1.17 ships v2.23 requests). */
export const CLIENT_API_VERSION = '2.23';

export function decodeJwt(token: string): JwtClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error(`token is not a JWT: ${token.slice(0, 20)}...`);
  return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as JwtClaims;
}

/** One multipart/form-data part named after its storage path, as the SDK's HTTP storage driver posts it. */
export function multipartBody(field: string, content: Buffer, contentType = 'application/octet-stream') {
  const boundary = `----clearml${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${field}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface SdkClientOptions {
  /** Where the API lives on the server (CLEARML_API_HOST's path). */
  apiPath?: string;
  /** Where files live on the server (CLEARML_FILES_HOST's path). */
  filesPath?: string;
  /** The files host as the SDK writes it into event URLs. */
  filesHost?: string;
  accessKey?: string;
  secretKey?: string;
  worker?: string;
}

export class SdkClient {
  readonly calls: CallRecord[] = [];
  token: string | null = null;
  claims: JwtClaims | null = null;
  readonly apiPath: string;
  readonly filesPath: string;
  readonly filesHost: string;
  readonly worker: string;
  private readonly access: string;
  private readonly secret: string;

  constructor(
    private readonly transport: Transport,
    options: SdkClientOptions = {},
  ) {
    this.apiPath = options.apiPath ?? '/api';
    this.filesPath = options.filesPath ?? '/files';
    this.filesHost = options.filesHost ?? `http://127.0.0.1:8080${this.filesPath}`;
    this.access = options.accessKey ?? 'local';
    this.secret = options.secretKey ?? 'local';
    this.worker = options.worker ?? 'trainer-01';
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      'x-clearml-worker': this.worker,
      'x-trains-worker': this.worker,
      'x-clearml-client': 'clearml-1.17.1',
      'x-trains-client': 'clearml-1.17.1',
      ...extra,
    };
  }

  /** `GET /auth.login` (no version) with Basic credentials; keeps the JWT. */
  async login(): Promise<JwtClaims> {
    const basic = Buffer.from(`${this.access}:${this.secret}`).toString('base64');
    const response = await this.transport({
      method: 'GET',
      path: `${this.apiPath}/auth.login`,
      headers: this.headers({ authorization: `Basic ${basic}`, 'content-type': 'application/json' }),
      body: '{}',
    });
    const envelope = this.parse('auth.login', {}, response);
    this.token = String(envelope.data.token);
    this.claims = decodeJwt(this.token);
    return this.claims;
  }

  private parse(name: string, request: unknown, response: WireResponse): Envelope {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(response.body.toString('utf8')) as Envelope;
    } catch {
      throw new Error(`${name}: answer is not JSON (HTTP ${response.status})`);
    }
    this.calls.push({ name, request, status: response.status, response: envelope });
    if (!envelope?.meta) throw new Error(`${name}: answer has no meta`);
    if (envelope.meta.result_code !== 200 || response.status !== 200) {
      throw new Error(`${name}: ${response.status} ${envelope.meta.result_code} ${envelope.meta.result_msg}`);
    }
    return envelope;
  }

  /** One API call as the SDK sends it: GET with a JSON body, Bearer token, one re-login on 401. */
  async call(name: string, body: object = {}, contentType = 'application/json', raw?: string): Promise<Record<string, unknown>> {
    if (!this.token) await this.login();
    const send = () =>
      this.transport({
        method: 'GET',
        path: `${this.apiPath}/v${CLIENT_API_VERSION}/${name}`,
        headers: this.headers({ authorization: `Bearer ${this.token}`, 'content-type': contentType }),
        body: raw ?? JSON.stringify(body),
      });
    let response = await send();
    if (response.status === 401) {
      await this.login();
      response = await send();
    }
    return this.parse(name, raw ?? body, response).data;
  }

  /** `events.add_batch` as json-lines. */
  addBatch(events: object[]): Promise<Record<string, unknown>> {
    return this.call('events.add_batch', {}, 'application/json-lines', events.map((e) => JSON.stringify(e)).join('\n'));
  }

  /** `POST <files host>` with one part named by the storage path; returns the URL the SDK reports. */
  async upload(storagePath: string, content: Buffer, contentType?: string): Promise<string> {
    const { body, contentType: type } = multipartBody(storagePath, content, contentType);
    const response = await this.transport({
      method: 'POST',
      path: this.filesPath,
      headers: this.headers({ authorization: `Bearer ${this.token}`, 'content-type': type }),
      body,
    });
    this.calls.push({
      name: 'files.upload',
      request: storagePath,
      status: response.status,
      response: { meta: { result_code: response.status, result_msg: '' }, data: {} },
    });
    if (response.status !== 200) throw new Error(`upload ${storagePath}: HTTP ${response.status} ${response.body.toString('utf8')}`);
    return `${this.filesHost}${encodeURI(storagePath)}`;
  }

  names(): string[] {
    return this.calls.map((c) => c.name);
  }
}
