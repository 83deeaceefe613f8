import { Button, type ButtonProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';

/** The page header's primary "new …" action (a plus icon). */
export function CreateButton(props: Omit<ButtonProps, 'type' | 'icon'>) {
  return <Button type="primary" icon={<PlusOutlined />} {...props} />;
}
