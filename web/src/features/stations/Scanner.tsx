import { QrScanner } from '../../components/light/QrScanner';
import { useT } from '../../i18n';

const stationCode = (raw: string): string | null => (raw.startsWith('TYST1.') ? raw.trim() : null);

/**
 * Camera scan of a station code (the shared QrScanner): decoded until a TYST1 code is seen. Without
 * a detector or a camera it says so and the typed code (below it) is the way.
 */
export function Scanner({ onCode }: { onCode: (code: string) => void }) {
  const t = useT();
  return (
    <QrScanner
      accept={stationCode}
      onCode={onCode}
      texts={{ none: t('st.noCamera'), failed: t('st.cameraFailed'), hint: t('st.scanHint') }}
      classes={{ box: 'ty-st-scan', video: 'ty-st-video', hint: 'ty-st-hint' }}
    />
  );
}
