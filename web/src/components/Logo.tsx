import { useT } from '../i18n';

/** The 头雁 mark: a lead goose heading a formation. */
export function LogoMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="12" fill="#c8161d" />
      <path d="M10 42 L32 20 L54 42 L46 42 L32 28 L18 42 Z" fill="#fff" />
      <path d="M25 48 L32 41 L39 48 Z" fill="#f3cf7a" />
    </svg>
  );
}

export function Logo({ compact = false, inverse = false }: { compact?: boolean; inverse?: boolean }) {
  const t = useT();
  return (
    <div className="ty-logo" aria-label={`${t('app.name')} ${t('app.subtitle')}`}>
      <LogoMark size={compact ? 28 : 36} />
      <div className="ty-logo-text">
        <span className="ty-logo-name" style={inverse ? { color: '#fff' } : undefined}>
          {t('app.name')}
        </span>
        {!compact && <span className="ty-logo-sub">{t('app.subtitle')}</span>}
      </div>
    </div>
  );
}
