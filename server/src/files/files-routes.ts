import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { ApiError } from '../api-error';
import { newId } from '../ids';
import { success } from '../http/envelope';
import { assertRealPathInside, fileSize, rangeProblem } from './safe-file';
import { contentDisposition, readHead, servedType, type ServedType } from './served-type';
import { resolveStoragePath } from './storage-path';

/** The largest file an upload may store, unless the server is started with another (`--max-file-size`). */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024;

export function fileTooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 0, `Request body is too large: a file may hold at most ${maxBytes} bytes (--max-file-size)`, {
    max_bytes: maxBytes,
  });
}

/** Passes bytes through until more than `maxBytes` went by, then fails with a 413. */
function byteLimit(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(fileTooLarge(maxBytes));
      else callback(null, chunk);
    },
  });
}

/**
 * Writes `body` to a temporary file next to the target and renames it into place only once the
 * whole body arrived within the limit: a failed, cut or too-large upload leaves the old file as it was.
 */
async function store(filesDir: string, path: string, body: Readable, maxBytes: number) {
  const { relative, absolute } = resolveStoragePath(filesDir, path);
  await assertRealPathInside(filesDir, absolute);
  const temporary = `${absolute}.${newId()}.part`;
  try {
    await mkdir(dirname(absolute), { recursive: true });
    await pipeline(body, byteLimit(maxBytes), createWriteStream(temporary, { flags: 'wx' }));
    await rename(temporary, absolute);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw uploadError(error as NodeJS.ErrnoException, relative);
  }
  const { size } = await stat(absolute);
  return { path: relative, size, url: `/files/${relative}` };
}

/** A path that is a folder, or runs through a file, is the client's mistake (409), not the server's. */
function uploadError(error: NodeJS.ErrnoException, relative: string): Error {
  if (error instanceof ApiError) return error;
  if (error.code === 'EISDIR' || error.code === 'ENOTEMPTY' || error.code === 'EEXIST' || error.code === 'EPERM') {
    return new ApiError(409, 0, `Cannot store a file at ${relative}: a folder is there`);
  }
  if (error.code === 'ENOTDIR') return new ApiError(409, 0, `Cannot store a file at ${relative}: part of the path is a file`);
  if (error.code === 'ERR_STREAM_PREMATURE_CLOSE' || error.code === 'ECONNRESET' || error.message === 'aborted') {
    return new ApiError(400, 0, `The upload of ${relative} was cut off before its end; nothing was stored`);
  }
  return error;
}

/** A body that is not well-formed multipart is the client's mistake (400); file system errors are not. */
function multipartError(error: Error): Error {
  const status = (error as { statusCode?: number }).statusCode;
  if (error instanceof ApiError || (status !== undefined && status < 500) || (error as NodeJS.ErrnoException).syscall) return error;
  return new ApiError(400, 12, `Validation error: malformed multipart body (${error.message})`);
}

declare module 'fastify' {
  interface FastifyRequest {
    servedFile?: ServedType & { path: string };
  }
}

/** `PUT|POST|GET /files/<path>`, and `POST /files/` with a multipart part named by its storage path. */
export async function filesRoutes(app: FastifyInstance, options: { filesDir: string; maxFileBytes?: number }) {
  const { filesDir } = options;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  // One byte over the limit reaches byteLimit, which answers 413 before anything is renamed into place.
  await app.register(multipart, { limits: { fileSize: maxBytes + 1, files: 1, fields: 20 }, throwFileSizeLimit: false });

  // The type and disposition decided from the file (GET/HEAD), set after @fastify/static's own headers.
  app.addHook('onSend', async (request, reply, payload) => {
    const served = request.servedFile;
    if (served && reply.statusCode < 400) {
      reply.header('content-type', served.contentType);
      reply.header('content-disposition', contentDisposition(served.disposition, served.path));
    }
    return payload;
  });

  async function receive(request: FastifyRequest, reply: FastifyReply, urlPath: string | null) {
    const declared = Number(request.headers['content-length']);
    // Refused before a byte is read; a body without a length is counted as it streams.
    if (Number.isFinite(declared) && declared > maxBytes + 64 * 1024) {
      reply.header('connection', 'close');
      throw fileTooLarge(maxBytes);
    }
    try {
      if (request.isMultipart()) {
        const part = await request.file().catch((error: Error) => Promise.reject(multipartError(error)));
        if (!part) throw new ApiError(400, 12, 'Validation error: the multipart body holds no file');
        // The ClearML SDK names the part after its storage path, with a leading slash.
        const path = urlPath || part.fieldname.replace(/^\/+/, '');
        const stored = await store(filesDir, path, part.file, maxBytes).catch((error: Error) => Promise.reject(multipartError(error)));
        return reply.send(success(request, stored));
      }
      if (!urlPath) throw new ApiError(400, 12, 'Validation error: a file path is required');
      return reply.send(success(request, await store(filesDir, urlPath, request.body as Readable, maxBytes)));
    } catch (error) {
      // The rest of a refused body is not read: the connection ends with the answer.
      if ((error as ApiError).statusCode === 413) reply.header('connection', 'close');
      throw error;
    }
  }

  const routeConfig = { config: { endpoint: 'files' } };
  app.put('/files/*', routeConfig, (request, reply) => receive(request, reply, (request.params as { '*': string })['*']));
  app.post('/files/*', routeConfig, (request, reply) => receive(request, reply, (request.params as { '*': string })['*'] || null));
  app.post('/files', routeConfig, (request, reply) => receive(request, reply, null));
  app.get('/files/*', routeConfig, async (request, reply) => {
    const { relative, absolute } = resolveStoragePath(filesDir, (request.params as { '*': string })['*']);
    const size = await fileSize(absolute);
    if (size === null) throw new ApiError(404, 0, `File not found: ${relative}`);
    await assertRealPathInside(filesDir, absolute);
    const problem = rangeProblem(request.headers.range, size);
    if (problem) {
      reply.header('content-range', `bytes */${size}`);
      throw new ApiError(416, 0, `Range not satisfiable: ${problem}`);
    }
    request.servedFile = { ...servedType(relative, await readHead(absolute)), path: relative };
    return reply.sendFile(relative, filesDir, { cacheControl: true, maxAge: 0 });
  });
}
