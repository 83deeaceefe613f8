import { DatePicker, type DatePickerProps } from 'antd';
import type { Dayjs } from 'dayjs';

/**
 * A calendar date in a form (the Form.Item gives it id, value and onChange): full width, never
 * empty, picked rather than typed (no keyboard on phones), days outside notBefore … notAfter disabled.
 */
export function DateInput({
  notBefore,
  notAfter,
  ...props
}: DatePickerProps & { notBefore?: Dayjs; notAfter?: Dayjs }) {
  return (
    <DatePicker
      {...props}
      style={{ width: '100%' }}
      disabledDate={(d) => (!!notBefore && d.isBefore(notBefore, 'day')) || (!!notAfter && d.isAfter(notAfter, 'day'))}
      allowClear={false}
      inputReadOnly
    />
  );
}
