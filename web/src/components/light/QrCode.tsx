import { useEffect, useState } from 'react';
import { Spinner } from './ui';

interface Matrix {
  getModuleCount(): number;
  isDark(row: number, col: number): boolean;
}

/**
 * A QR code of `text` drawn as SVG. The encoder (qrcode-generator, a few KB, no dependencies) is
 * loaded only when a code is shown, so the phone page's first load does not carry it. Shared by the
 * online-visit link (/field), the rider's pass (/rider) and the station's code (/station).
 */
export function QrCode({
  text,
  label,
  size = 220,
  className,
  testId,
}: {
  text: string;
  label: string;
  size?: number;
  /** The page's own frame style, and the test id of the drawn code. */
  className: string;
  testId: string;
}) {
  const [qr, setQr] = useState<Matrix | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    import('qrcode-generator')
      .then(({ default: qrcode }) => {
        const q = qrcode(0, 'M');
        q.addData(text, 'Byte');
        q.make();
        if (live) setQr(q);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [text]);
  if (failed) return null;
  if (!qr)
    return (
      <div className={className} style={{ width: size, height: size }}>
        <Spinner />
      </div>
    );
  const n = qr.getModuleCount();
  const quiet = 4;
  let d = '';
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c + quiet} ${r + quiet}h1v1h-1z`;
  return (
    <svg
      className={className}
      data-testid={testId}
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${n + 2 * quiet} ${n + 2 * quiet}`}
      shapeRendering="crispEdges"
    >
      <rect width="100%" height="100%" fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
