import { useCallback } from 'react';
import { App, type FormInstance } from 'antd';
import { isApiError } from '../api/client';
import { useLocale, useT } from '../i18n';
import { applyServerFieldErrors } from './forms';

/**
 * Shows an API error the way a user expects: field messages under the form's fields,
 * a version conflict as a dialog offering to reload, anything else as a toast.
 */
export function useApiErrorHandler() {
  const t = useT();
  const [locale] = useLocale();
  const { message, modal } = App.useApp();
  return useCallback(
    (error: unknown, opts: { form?: FormInstance; onReload?: () => void } = {}) => {
      if (isApiError(error) && error.code === 'VERSION_CONFLICT') {
        modal.confirm({
          title: t('common.versionConflictTitle'),
          content: error.message,
          okText: t('common.reloadLatest'),
          cancelText: t('common.cancel'),
          onOk: opts.onReload,
        });
        return;
      }
      const shown = opts.form ? applyServerFieldErrors(opts.form, error, locale) : false;
      if (isApiError(error)) message.error(error.message);
      else if (!shown) message.error(t('common.networkError'));
    },
    [t, locale, message, modal],
  );
}
