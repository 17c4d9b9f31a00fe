import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { ApiError } from '../api-error';
import { newId } from '../ids';
import { success } from '../routes/envelope';
import { assertRealPathInside, fileSize, rangeProblem } from './safe-file';
import { resolveStoragePath } from './storage-path';

const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024;

async function store(filesDir: string, path: string, body: Readable) {
  const { relative, absolute } = resolveStoragePath(filesDir, path);
  await assertRealPathInside(filesDir, absolute);
  const temporary = `${absolute}.${newId()}.part`;
  try {
    await mkdir(dirname(absolute), { recursive: true });
    await pipeline(body, createWriteStream(temporary));
    await rename(temporary, absolute);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw conflict(error as NodeJS.ErrnoException, relative);
  }
  const { size } = await stat(absolute);
  return { path: relative, size, url: `/files/${relative}` };
}

/** A path that is a folder, or runs through a file, is the client's mistake (409), not the server's. */
function conflict(error: NodeJS.ErrnoException, relative: string): Error {
  if (error.code === 'EISDIR' || error.code === 'ENOTEMPTY' || error.code === 'EEXIST' || error.code === 'EPERM') {
    return new ApiError(409, 0, `Cannot store a file at ${relative}: a folder is there`);
  }
  if (error.code === 'ENOTDIR') return new ApiError(409, 0, `Cannot store a file at ${relative}: part of the path is a file`);
  return error;
}

/** `PUT|POST|GET /files/<path>`, and `POST /files/` with a multipart part named by its storage path. */
export async function filesRoutes(app: FastifyInstance, options: { filesDir: string }) {
  const { filesDir } = options;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 20 } });

  async function receive(request: FastifyRequest, reply: FastifyReply, urlPath: string | null) {
    if (request.isMultipart()) {
      const part = await request.file();
      if (!part) throw new ApiError(400, 12, 'Validation error: the multipart body holds no file');
      // The ClearML SDK names the part after its storage path, with a leading slash.
      const path = urlPath || part.fieldname.replace(/^\/+/, '');
      const result = await store(filesDir, path, part.file);
      if (part.file.truncated) throw new ApiError(413, 0, 'Request body is too large');
      return reply.send(success(request, result));
    }
    if (!urlPath) throw new ApiError(400, 12, 'Validation error: a file path is required');
    return reply.send(success(request, await store(filesDir, urlPath, request.body as Readable)));
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
    return reply.sendFile(relative, filesDir, { cacheControl: true, maxAge: 0 });
  });
}
