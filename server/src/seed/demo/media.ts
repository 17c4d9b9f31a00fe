import { PNG } from 'pngjs';
import { Rng } from './rng.js';

/** HSV (h in degrees, s/v in 0..1) to RGB bytes. */
export function hsv(h: number, s: number, v: number): [number, number, number] {
  h = ((h % 360) + 360) % 360;
  const c = v * s;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = v - c;
  let r = 0,
    g = 0,
    b = 0;
  if (h < 60) [r, g, b] = [c, x, 0];
  else if (h < 120) [r, g, b] = [x, c, 0];
  else if (h < 180) [r, g, b] = [0, c, x];
  else if (h < 240) [r, g, b] = [0, x, c];
  else if (h < 300) [r, g, b] = [x, 0, c];
  else [r, g, b] = [c, 0, x];
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
}

class Canvas {
  readonly data: Buffer;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = Buffer.alloc(width * height * 4, 255);
  }
  set(x: number, y: number, rgb: readonly number[], alpha = 1): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const o = (y * this.width + x) * 4;
    const d = this.data;
    d[o] = Math.round(d[o] * (1 - alpha) + rgb[0] * alpha);
    d[o + 1] = Math.round(d[o + 1] * (1 - alpha) + rgb[1] * alpha);
    d[o + 2] = Math.round(d[o + 2] * (1 - alpha) + rgb[2] * alpha);
    d[o + 3] = 255;
  }
  rect(x0: number, y0: number, w: number, h: number, rgb: readonly number[], alpha = 1): void {
    for (let y = Math.max(0, Math.floor(y0)); y < Math.min(this.height, y0 + h); y++)
      for (let x = Math.max(0, Math.floor(x0)); x < Math.min(this.width, x0 + w); x++) this.set(x, y, rgb, alpha);
  }
  /** Fills every pixel for which inside(x, y) holds. */
  fill(inside: (x: number, y: number) => boolean, rgb: readonly number[], alpha = 1): void {
    for (let y = 0; y < this.height; y++) for (let x = 0; x < this.width; x++) if (inside(x, y)) this.set(x, y, rgb, alpha);
  }
  png(): Buffer {
    const png = new PNG({ width: this.width, height: this.height });
    this.data.copy(png.data);
    return PNG.sync.write(png, { colorType: 6 });
  }
}

export interface ImageSpec {
  /** Hue of the task (background), degrees. */
  taskHue: number;
  /** Hue of the variant (foreground object), degrees. */
  variantHue: number;
  /** Object drawn in the centre. */
  shape: 'airplane' | 'cat' | 'ship' | 'truck' | 'bird' | 'frog';
  /** 0..1 training progress; the bottom bar shows it, noise fades as it grows. */
  progress: number;
  /** Whether the model's prediction is correct (bar colour). */
  correct: boolean;
  /** Predicted confidence 0..1 (right-hand gauge). */
  confidence: number;
  seed: number;
  size?: number;
}

/** A small synthetic "prediction" image: gradient background, an object, noise, a progress bar and a confidence gauge. */
export function predictionPng(spec: ImageSpec): Buffer {
  const S = spec.size ?? 96;
  const c = new Canvas(S, S);
  const rng = new Rng(spec.seed);
  // Background: diagonal gradient in the task's hue.
  for (let y = 0; y < S; y++)
    for (let x = 0; x < S; x++) {
      const t = (x + y) / (2 * S);
      c.set(x, y, hsv(spec.taskHue + 40 * t, 0.35 + 0.3 * t, 0.95 - 0.35 * t));
    }
  const fg = hsv(spec.variantHue, 0.85, 0.85);
  const dark = hsv(spec.variantHue, 0.9, 0.45);
  const cx = S / 2 + (rng.next() - 0.5) * S * 0.12;
  const cy = S * 0.45 + (rng.next() - 0.5) * S * 0.1;
  const r = S * (0.2 + 0.08 * spec.progress);
  switch (spec.shape) {
    case 'airplane': // fuselage + wings + tail
      c.fill((x, y) => Math.abs(y - cy) < r * 0.18 && Math.abs(x - cx) < r * 1.2, fg);
      c.fill((x, y) => Math.abs(x - cx) < r * 0.25 && Math.abs(y - cy) < r * (1 - Math.abs(x - cx) / r), fg);
      c.fill((x, y) => x < cx - r && x > cx - r * 1.3 && y < cy && y > cy - r * 0.5, dark);
      break;
    case 'cat': // head + ears + eyes
      c.fill((x, y) => (x - cx) ** 2 + (y - cy) ** 2 < r * r, fg);
      c.fill((x, y) => y < cy - r * 0.5 && y > cy - r * 1.25 && Math.abs(x - (cx - r * 0.55)) < (y - (cy - r * 1.25)) * 0.45, fg);
      c.fill((x, y) => y < cy - r * 0.5 && y > cy - r * 1.25 && Math.abs(x - (cx + r * 0.55)) < (y - (cy - r * 1.25)) * 0.45, fg);
      c.fill((x, y) => (x - (cx - r * 0.4)) ** 2 + (y - cy + r * 0.15) ** 2 < (r * 0.14) ** 2, dark);
      c.fill((x, y) => (x - (cx + r * 0.4)) ** 2 + (y - cy + r * 0.15) ** 2 < (r * 0.14) ** 2, dark);
      break;
    case 'ship': // hull + mast + sail + water line
      c.fill((x, y) => y > cy && y < cy + r * 0.5 && Math.abs(x - cx) < r * 1.2 - (y - cy) * 0.8, dark);
      c.fill((x, y) => Math.abs(x - cx) < 1.5 && y < cy && y > cy - r * 1.1, dark);
      c.fill((x, y) => x > cx + 2 && y < cy - 2 && y > cy - r && x - cx < (y - (cy - r)) * 0.8, fg);
      c.rect(0, cy + r * 0.5, S, 2, hsv(210, 0.6, 0.8));
      break;
    case 'truck': // cargo box + cab + wheels
      c.rect(cx - r * 1.1, cy - r * 0.6, r * 1.4, r * 0.9, fg);
      c.rect(cx + r * 0.35, cy - r * 0.2, r * 0.6, r * 0.5, dark);
      for (const wx of [cx - r * 0.7, cx + r * 0.6])
        c.fill((x, y) => (x - wx) ** 2 + (y - (cy + r * 0.4)) ** 2 < (r * 0.22) ** 2, [30, 30, 30]);
      break;
    case 'bird':
      c.fill((x, y) => ((x - cx) / 1.3) ** 2 + (y - cy) ** 2 < (r * 0.6) ** 2, fg);
      c.fill((x, y) => (x - (cx + r * 0.75)) ** 2 + (y - (cy - r * 0.35)) ** 2 < (r * 0.3) ** 2, fg);
      c.fill((x, y) => x > cx + r * 1.0 && x < cx + r * 1.3 && Math.abs(y - (cy - r * 0.35)) < (cx + r * 1.3 - x) * 0.4, dark);
      break;
    case 'frog':
      c.fill((x, y) => ((x - cx) / 1.4) ** 2 + ((y - cy) / 0.8) ** 2 < r * r * 0.7, fg);
      c.fill((x, y) => (x - (cx - r * 0.5)) ** 2 + (y - (cy - r * 0.6)) ** 2 < (r * 0.22) ** 2, dark);
      c.fill((x, y) => (x - (cx + r * 0.5)) ** 2 + (y - (cy - r * 0.6)) ** 2 < (r * 0.22) ** 2, dark);
      break;
  }
  // Noise that fades as training progresses.
  // Coarse (3x3 block) noise keeps the files small.
  const amp = 80 * (1 - spec.progress) + 6;
  const d = c.data;
  for (let by = 0; by < S; by += 3)
    for (let bx = 0; bx < S; bx += 3) {
      const n = (rng.next() - 0.5) * amp;
      for (let y = by; y < Math.min(S, by + 3); y++)
        for (let x = bx; x < Math.min(S, bx + 3); x++) {
          const o = (y * S + x) * 4;
          for (let k = 0; k < 3; k++) d[o + k] = Math.max(0, Math.min(255, d[o + k] + n));
        }
    }
  // Bottom progress bar, green when correct, red when wrong.
  const barH = Math.max(4, Math.round(S / 16));
  c.rect(0, S - barH, S, barH, [40, 40, 40]);
  c.rect(0, S - barH, Math.round(S * spec.progress), barH, spec.correct ? [46, 184, 92] : [220, 53, 69]);
  // Right-hand confidence gauge.
  const gh = Math.round((S - barH - 4) * spec.confidence);
  c.rect(S - 5, 2, 3, S - barH - 4, [255, 255, 255], 0.6);
  c.rect(S - 5, S - barH - 2 - gh, 3, gh, [250, 200, 40]);
  return c.png();
}

/** An augmentation preview: the task gradient cropped or flipped, with a checker pattern whose phase depends on the iteration. */
export function augmentationPng(opts: { taskHue: number; kind: string; iter: number; seed: number; size?: number }): Buffer {
  const S = opts.size ?? 64;
  const c = new Canvas(S, S);
  const rng = new Rng(opts.seed);
  const ox = rng.int(0, S / 2);
  const oy = rng.int(0, S / 2);
  const zoom = opts.kind === 'crop' ? 0.5 + rng.next() * 0.3 : 1;
  const flip = opts.kind === 'flip';
  const cell = 4 + (Math.floor(opts.iter / 500) % 4) * 2;
  for (let y = 0; y < S; y++)
    for (let x = 0; x < S; x++) {
      const sx = (flip ? S - 1 - x : x) * zoom + (opts.kind === 'crop' ? ox : 0);
      const sy = y * zoom + (opts.kind === 'crop' ? oy : 0);
      const t = (sx + sy) / (2 * S);
      const check = (Math.floor(sx / cell) + Math.floor(sy / cell)) % 2 === 0;
      c.set(x, y, hsv(opts.taskHue + 60 * t + (check ? 0 : 25), check ? 0.6 : 0.4, 0.9 - 0.3 * t));
    }
  // Marker in the original top-left corner shows where the flip/crop moved it.
  const mx = flip ? S - 14 : 2;
  c.rect(mx, 2, 12, 12, hsv(opts.taskHue + 180, 0.9, 0.6));
  return c.png();
}

/** A spectrogram-like image (time on x, frequency on y) for an audio sample. */
export function spectrogramPng(opts: { f0: number; f1: number; seed: number; width?: number; height?: number }): Buffer {
  const W = opts.width ?? 96;
  const H = opts.height ?? 64;
  const c = new Canvas(W, H);
  const rng = new Rng(opts.seed);
  for (let x = 0; x < W; x++) {
    const t = x / (W - 1);
    const f = opts.f0 + (opts.f1 - opts.f0) * t;
    const row = H - 1 - Math.round((f / 4000) * (H - 1));
    for (let y = 0; y < H; y++) {
      const dist = Math.min(Math.abs(y - row), Math.abs(y - (row - (H - 1 - row))) + 3);
      const energy = Math.exp((-dist * dist) / 6) + 0.15 * rng.next();
      c.set(x, y, hsv(260 - 220 * Math.min(1, energy), 0.9, 0.15 + 0.85 * Math.min(1, energy)));
    }
  }
  return c.png();
}

export interface ToneSpec {
  /** Start and end frequency of the main chirp, Hz. */
  f0: number;
  f1: number;
  /** Optional second partial, as a ratio of the main frequency. */
  harmonic?: number;
  /** Noise level 0..1. */
  noise: number;
  seed: number;
  seconds?: number;
  sampleRate?: number;
}

/** 16-bit PCM mono WAV with a chirp, a harmonic, an envelope and some noise. */
export function toneWav(spec: ToneSpec): Buffer {
  const rate = spec.sampleRate ?? 8000;
  const n = Math.round(rate * (spec.seconds ?? 1));
  const buf = Buffer.alloc(44 + n * 2);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + n * 2, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(n * 2, 40);
  const rng = new Rng(spec.seed);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / n;
    const f = spec.f0 + (spec.f1 - spec.f0) * t;
    phase += (2 * Math.PI * f) / rate;
    // Word-like envelope: silence, attack, sustain, decay, silence.
    const env = t < 0.15 || t > 0.85 ? 0 : Math.sin(((t - 0.15) / 0.7) * Math.PI) ** 0.6;
    let s = env * (0.6 * Math.sin(phase) + (spec.harmonic ? 0.25 * Math.sin(phase * spec.harmonic) : 0));
    s += spec.noise * 0.3 * (rng.next() * 2 - 1);
    buf.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(s * 26000))), 44 + i * 2);
  }
  return buf;
}
