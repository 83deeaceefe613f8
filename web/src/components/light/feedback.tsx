import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n';
import { Button } from './ui';

type ToastKind = 'info' | 'success' | 'warning' | 'error';
interface ToastItem {
  id: number;
  kind: ToastKind;
  text: string;
}
type Toast = Record<ToastKind, (text: string) => void>;

const ToastContext = createContext<Toast | null>(null);
const TOAST_MS = 3000;

/** Short messages at the top of the window (the light shell's `message`), announced to screen readers. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const next = useRef(1);
  const show = useCallback((kind: ToastKind, text: string) => {
    const id = next.current++;
    setItems((list) => [...list.slice(-2), { id, kind, text }]);
    window.setTimeout(() => setItems((list) => list.filter((i) => i.id !== id)), TOAST_MS);
  }, []);
  const toast = useMemo<Toast>(
    () => ({
      info: (text) => show('info', text),
      success: (text) => show('success', text),
      warning: (text) => show('warning', text),
      error: (text) => show('error', text),
    }),
    [show],
  );
  return (
    <ToastContext.Provider value={toast}>
      {children}
      <div className="ty-toasts ty-light" role="status" aria-live="polite">
        {items.map((i) => (
          <div key={i.id} className={`ty-toast is-${i.kind}`} data-testid="toast">
            {i.text}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): Toast {
  const toast = useContext(ToastContext);
  if (!toast) throw new Error('ToastProvider missing');
  return toast;
}

/** Shows an API error as a toast (its message), anything else as the network error. */
export function useErrorToast() {
  const t = useT();
  const toast = useToast();
  return useCallback(
    (error: unknown) => toast.error(isApiError(error) ? error.message : t('common.networkError')),
    [t, toast],
  );
}

/**
 * A modal confirmation: the OK button gets the focus, Escape or the mask cancel. `onOk` may return a
 * promise; the dialog waits on it (the button spins) and closes when it settles.
 */
export function ConfirmDialog({
  title,
  content,
  okText,
  cancelText,
  onOk,
  onClose,
  testId,
  okTestId,
}: {
  title: ReactNode;
  content: ReactNode;
  okText: string;
  cancelText: string;
  onOk: () => unknown;
  onClose: () => void;
  testId?: string;
  okTestId?: string;
}) {
  const [busy, setBusy] = useState(false);
  const okRef = useRef<HTMLButtonElement>(null);
  const titleId = useRef(`ty-dialog-${Math.random().toString(36).slice(2)}`).current;
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    okRef.current?.focus();
    return () => previous?.focus?.();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !busy) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, onClose]);
  const ok = async () => {
    setBusy(true);
    try {
      await onOk();
    } finally {
      setBusy(false);
      onClose();
    }
  };
  return (
    <div
      className="ty-dialog-mask ty-light"
      onClick={(e) => {
        if (e.target === e.currentTarget && !busy) onClose();
      }}
    >
      <div className="ty-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={testId}>
        <h2 className="ty-dialog-title" id={titleId}>
          {title}
        </h2>
        <div className="ty-dialog-content">{content}</div>
        <div className="ty-dialog-actions">
          <Button size="large" onClick={onClose} disabled={busy}>
            {cancelText}
          </Button>
          <Button ref={okRef} primary size="large" loading={busy} onClick={() => void ok()} data-testid={okTestId}>
            {okText}
          </Button>
        </div>
      </div>
    </div>
  );
}
