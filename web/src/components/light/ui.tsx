import { forwardRef, type ButtonHTMLAttributes, type CSSProperties, type ReactNode } from 'react';
import { useT } from '../../i18n';
import { ErrorIcon, InboxIcon } from './icons';

/** A spinning ring; `label` is read out by screen readers. */
export function Spinner({ size, label }: { size?: 'large' | 'small'; label?: string }) {
  const t = useT();
  return (
    <span
      className={`ty-spinner${size ? ` is-${size}` : ''}`}
      role="status"
      aria-live="polite"
      aria-label={label ?? t('common.loading')}
    />
  );
}

/** The whole window waits (a page's code or the signed-in user is loading). */
export function FullPageSpinner() {
  return (
    <div className="ty-light ty-full-page">
      <Spinner size="large" />
    </div>
  );
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  primary?: boolean;
  size?: 'large' | 'small';
  block?: boolean;
  loading?: boolean;
  'data-testid'?: string;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { primary, size, block, loading, className, children, type, onClick, ...rest },
  ref,
) {
  const cls = ['ty-btn', primary && 'is-primary', size && `is-${size}`, block && 'is-block', loading && 'is-loading'];
  return (
    <button
      ref={ref}
      type={type ?? 'button'}
      className={[...cls, className].filter(Boolean).join(' ')}
      aria-busy={loading || undefined}
      onClick={loading ? undefined : onClick}
      {...rest}
    >
      {loading && <Spinner size="small" />}
      {children}
    </button>
  );
});

/** antd's preset tag colours used on these pages; any other value is a solid colour. */
const TAG_COLORS = new Set(['default', 'blue', 'processing', 'green', 'orange', 'red']);

export function Tag({ color = 'default', icon, children }: { color?: string; icon?: ReactNode; children: ReactNode }) {
  const preset = TAG_COLORS.has(color);
  const name = color === 'processing' ? 'blue' : color;
  const style: CSSProperties | undefined = preset ? undefined : { background: color };
  return (
    <span className={`ty-tag${preset ? (name === 'default' ? '' : ` is-${name}`) : ' is-solid'}`} style={style}>
      {icon}
      {children}
    </span>
  );
}

export function Empty({ description }: { description: ReactNode }) {
  return (
    <div className="ty-empty">
      <InboxIcon />
      <div>{description}</div>
    </div>
  );
}

export function Alert({ title, children, action }: { title?: ReactNode; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="ty-alert" role="alert">
      <ErrorIcon />
      <div className="ty-alert-body">
        {title && <div className="ty-alert-title">{title}</div>}
        {children}
      </div>
      {action}
    </div>
  );
}
