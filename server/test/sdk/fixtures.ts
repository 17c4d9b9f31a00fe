import { PNG } from 'pngjs';
import type { FastifyInstance } from 'fastify';
import type { Transport } from './client';
import type { ScriptSpec } from './script';

/** A solid-colour PNG (a debug sample a browser can show). */
export function pngImage(width: number, height: number, rgb: [number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) png.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(png);
}

/** The replay over `app.inject` (GET requests carry their JSON bodies). */
export function injectTransport(app: FastifyInstance): Transport {
  return async ({ method, path, headers, body }) => {
    const response = await app.inject({ method, url: path, headers, payload: body });
    return { status: response.statusCode, body: response.rawPayload };
  };
}

/** A script of the kind the README shows: argparse, a dict, a config file, scalars, images. */
export function trainingScript(name: string, lr: number, overrides: Partial<ScriptSpec> = {}): ScriptSpec {
  return {
    project: 'SDK replay',
    name,
    args: { lr, batch_size: 64, optimizer: 'adam', augment: true },
    general: { dropout: 0.1, layers: 3 },
    configuration: { name: 'model config', text: `depth: 3\nwidth: ${Math.round(lr * 10000)}\n` },
    iterations: 20,
    scalars: (i) => ({ train: 1 / (1 + i * lr * 10), validation: 1.2 / (1 + i * lr * 8), accuracy: 0.5 + 0.02 * i }),
    images: [pngImage(8, 8, [200, 30, 30]), pngImage(8, 8, [30, 200, 30])],
    singleValue: 0.5 + lr,
    ...overrides,
  };
}
