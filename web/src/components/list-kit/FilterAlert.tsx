import { Alert, Button } from 'antd';
import type { ReactNode } from 'react';

/**
 * A filter that came with the address — a dashboard figure, a home count, a bound indicator — said
 * above the list, with one button that drops it (the list then shows everything it showed before).
 */
export function FilterAlert({
  message,
  clearLabel,
  onClear,
  testId,
}: {
  message: ReactNode;
  clearLabel: ReactNode;
  onClear: () => void;
  testId?: string;
}) {
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid={testId}
      message={message}
      action={
        <Button size="small" onClick={onClear}>
          {clearLabel}
        </Button>
      }
    />
  );
}
