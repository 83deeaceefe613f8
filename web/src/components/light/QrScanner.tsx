import { useEffect, useRef, useState } from 'react';

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type DetectorCtor = new (opts: { formats: string[] }) => Detector;

/** The browser's own QR decoder, where it has one (Chromium on Android, Safari 17+). */
export const barcodeDetector = (): DetectorCtor | null =>
  (globalThis as unknown as { BarcodeDetector?: DetectorCtor }).BarcodeDetector ?? null;

export interface QrScannerProps {
  /** The code a QR's text carries, or null when it is not one of ours (the scan goes on). */
  accept: (raw: string) => string | null;
  onCode: (code: string) => void;
  /** What the page says (already in the reader's language): no camera or detector, the camera refused, the aim hint. */
  texts: { none: string; failed: string; hint: string };
  /** The page's class names for the box, the video and the hint lines. */
  classes: { box: string; video: string; hint: string };
}

/**
 * A camera scan with BarcodeDetector: the rear camera in a video, decoded about five times a second
 * until `accept` takes a code. Without a detector or a camera it says so (`data-testid="no-camera"`)
 * and the page's typed code is the way.
 */
export function QrScanner({ accept, onCode, texts, classes }: QrScannerProps) {
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<'starting' | 'on' | 'none' | 'failed'>(() =>
    barcodeDetector() && typeof navigator.mediaDevices?.getUserMedia === 'function' ? 'starting' : 'none',
  );
  const latest = useRef({ accept, onCode });
  latest.current = { accept, onCode };

  useEffect(() => {
    const Ctor = barcodeDetector();
    if (!Ctor || typeof navigator.mediaDevices?.getUserMedia !== 'function') return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let live = true;
    const detector = new Ctor({ formats: ['qr_code'] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (s) => {
        if (!live) return s.getTracks().forEach((tr) => tr.stop());
        stream = s;
        const v = video.current!;
        v.srcObject = s;
        await v.play();
        setState('on');
        let busy = false;
        timer = setInterval(() => {
          if (busy || v.readyState < 2) return;
          busy = true;
          detector
            .detect(v)
            .then((codes) => {
              const hit = codes.map((c) => latest.current.accept(c.rawValue)).find((c) => c !== null);
              if (hit && live) {
                live = false;
                latest.current.onCode(hit);
              }
            })
            .catch(() => undefined)
            .finally(() => (busy = false));
        }, 200);
      })
      .catch(() => live && setState('failed'));
    return () => {
      live = false;
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, []);

  if (state === 'none')
    return (
      <p className={classes.hint} data-testid="no-camera">
        {texts.none}
      </p>
    );
  if (state === 'failed') return <p className={classes.hint}>{texts.failed}</p>;
  return (
    <div className={classes.box}>
      <video ref={video} muted playsInline className={classes.video} />
      <div className={classes.hint}>{texts.hint}</div>
    </div>
  );
}
