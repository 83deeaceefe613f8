/**
 * Camera scanning for the guard page: BarcodeDetector where the browser has it, else frames decoded by
 * jsQR in a Web Worker. `start` resolves with a stop function; `onText` is called once with the text.
 */
interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
type DetectorCtor = new (opts: { formats: string[] }) => Detector;

export async function startScanner(video: HTMLVideoElement, onText: (text: string) => void): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: 'environment', width: { ideal: 1280 } },
    audio: false,
  });
  video.srcObject = stream;
  video.setAttribute('playsinline', 'true');
  await video.play();
  let stopped = false;
  let worker: Worker | null = null;
  const stop = () => {
    stopped = true;
    worker?.terminate();
    for (const t of stream.getTracks()) t.stop();
    video.srcObject = null;
  };
  const found = (text: string) => {
    if (stopped) return;
    stop();
    onText(text);
  };
  const Ctor = (globalThis as { BarcodeDetector?: DetectorCtor }).BarcodeDetector;
  if (Ctor) {
    const detector = new Ctor({ formats: ['qr_code'] });
    const tick = async () => {
      if (stopped) return;
      try {
        const codes = await detector.detect(video);
        if (codes[0]) return found(codes[0].rawValue);
      } catch {
        /* a frame not ready yet */
      }
      setTimeout(() => void tick(), 120);
    };
    void tick();
    return stop;
  }
  worker = new Worker(new URL('./qr.worker.ts', import.meta.url), { type: 'module' });
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  let busy = false;
  worker.onmessage = (e: MessageEvent<string | null>) => {
    busy = false;
    if (e.data) found(e.data);
  };
  const frame = () => {
    if (stopped) return;
    if (!busy && video.videoWidth > 0) {
      const scale = Math.min(1, 800 / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
      busy = true;
      worker!.postMessage({ data: img.data, width: img.width, height: img.height }, [img.data.buffer]);
    }
    setTimeout(frame, 150);
  };
  frame();
  return stop;
}
