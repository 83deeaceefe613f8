/// <reference lib="webworker" />
/**
 * The guard page's QR decoder where the browser has no BarcodeDetector: jsQR in a Web Worker (loaded
 * only here, so the page's first load does not carry it). In: ImageData frames; out: the text or null.
 */
import jsQR from 'jsqr';

self.onmessage = (e: MessageEvent<{ data: Uint8ClampedArray; width: number; height: number }>) => {
  const { data, width, height } = e.data;
  const code = jsQR(data, width, height, { inversionAttempts: 'dontInvert' });
  (self as unknown as Worker).postMessage(code ? code.data : null);
};
