import jsqr from 'jsqr';
import pngjs from 'pngjs';

// jsqr is CommonJS with `exports.default`: under NodeNext the default import is the whole module.
const jsQR = jsqr.default;

/** The text of the QR code in a PNG (an element screenshot), or null when none can be read. */
export function decodeQr(png: Buffer): string | null {
  const image = pngjs.PNG.sync.read(png);
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length);
  return jsQR(pixels, image.width, image.height)?.data ?? null;
}
