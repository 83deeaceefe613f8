import { deflateSync } from 'node:zlib';
import type { WorkerPlatform } from '@touyan/schemas';
import { Rng } from './random';

/**
 * Demo registration photos: a drawn head-and-shoulders portrait (a rider in their platform's jacket and
 * helmet), the same for the same seed, as a small PNG. Uploaded through the attachments service like a
 * photo taken on a phone, so the guard's verdict and the roster thumbnails have a face to show.
 */
export const PORTRAIT_WIDTH = 240;
export const PORTRAIT_HEIGHT = 300;

type Rgb = readonly [number, number, number];

/** Each platform's jacket colour, as riders wear them. */
const JACKETS: Record<WorkerPlatform, Rgb> = {
  meituan: [255, 195, 0],
  eleme: [0, 151, 255],
  sf: [40, 40, 40],
  jd: [225, 37, 27],
  zto: [42, 92, 170],
  yto: [91, 44, 131],
  shansong: [255, 106, 0],
  dada: [30, 136, 229],
  didi: [255, 122, 0],
  huolala: [242, 107, 29],
  other: [96, 125, 139],
};
const SKINS: Rgb[] = [
  [241, 199, 160],
  [232, 184, 140],
  [222, 170, 125],
  [205, 150, 110],
];
const HAIR: Rgb[] = [
  [30, 28, 28],
  [45, 38, 34],
  [60, 48, 40],
];

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGB image (row-major, 3 bytes a pixel) as a PNG file. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0; // filter: none
    raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Inside an ellipse centred at (cx, cy) with radii (rx, ry). */
const inEllipse = (x: number, y: number, cx: number, cy: number, rx: number, ry: number) =>
  ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;

/** A rider's portrait for `seed`, in the jacket and helmet of `platform`. */
export function riderPortrait(seed: number, platform: WorkerPlatform): Buffer {
  const rng = new Rng(seed);
  const [W, H] = [PORTRAIT_WIDTH, PORTRAIT_HEIGHT];
  const jacket = JACKETS[platform];
  const skin = rng.pick(SKINS);
  const hair = rng.pick(HAIR);
  const helmet = rng.chance(0.6);
  const top: Rgb = [150 + rng.int(0, 40), 190 + rng.int(0, 30), 225 + rng.int(0, 25)];
  const cx = W / 2 + rng.int(-8, 8);
  const headY = 122 + rng.int(-6, 6);
  const px = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // Background: a soft vertical gradient.
      const k = y / H;
      let c: Rgb = [top[0] + (235 - top[0]) * k, top[1] + (240 - top[1]) * k, top[2] + (245 - top[2]) * k];
      if (Math.abs(x - cx) < 20 && y > headY + 40) c = skin; // neck
      if (inEllipse(x, y, cx, H + 24, 122, 126)) c = jacket; // shoulders
      if (inEllipse(x, y, cx, headY, 50, 62)) c = skin; // face
      if (helmet) {
        if (inEllipse(x, y, cx, headY - 22, 60, 56) && y < headY - 16) c = jacket;
        if (y >= headY - 18 && y < headY - 12 && Math.abs(x - cx) < 62) c = [50, 50, 50]; // visor rim
      } else if (inEllipse(x, y, cx, headY - 28, 54, 42) && y < headY - 24) c = hair;
      if (inEllipse(x, y, cx - 18, headY + 4, 5, 5) || inEllipse(x, y, cx + 18, headY + 4, 5, 5)) c = [40, 30, 30];
      if (inEllipse(x, y, cx, headY + 34, 14, 4) && y > headY + 33) c = [180, 90, 90]; // mouth
      const i = (y * W + x) * 3;
      px[i] = Math.round(c[0]);
      px[i + 1] = Math.round(c[1]);
      px[i + 2] = Math.round(c[2]);
    }
  }
  return encodePng(W, H, px);
}
