import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n';

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type DetectorCtor = new (opts: { formats: string[] }) => Detector;

/** The browser's own QR decoder, where it has one (Chromium on Android, Safari 17+). */
export const barcodeDetector = (): DetectorCtor | null =>
  (globalThis as unknown as { BarcodeDetector?: DetectorCtor }).BarcodeDetector ?? null;

/**
 * Camera scan of a station code with BarcodeDetector: the rear camera in a video, decoded about five
 * times a second until a TYST1 code is seen. Without a detector or a camera it says so and the typed
 * code (below it) is the way.
 */
export function Scanner({ onCode }: { onCode: (code: string) => void }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<'starting' | 'on' | 'none' | 'failed'>(() =>
    barcodeDetector() && typeof navigator.mediaDevices?.getUserMedia === 'function' ? 'starting' : 'none',
  );
  const done = useRef(onCode);
  done.current = onCode;

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
              const hit = codes.find((c) => c.rawValue.startsWith('TYST1.'));
              if (hit && live) {
                live = false;
                done.current(hit.rawValue.trim());
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
      <p className="ty-st-hint" data-testid="no-camera">
        {t('st.noCamera')}
      </p>
    );
  if (state === 'failed') return <p className="ty-st-hint">{t('st.cameraFailed')}</p>;
  return (
    <div className="ty-st-scan">
      <video ref={video} muted playsInline className="ty-st-video" />
      <div className="ty-st-hint">{t('st.scanHint')}</div>
    </div>
  );
}
