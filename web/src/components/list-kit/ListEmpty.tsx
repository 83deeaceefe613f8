import type { CSSProperties, ReactNode } from 'react';
import { Empty } from 'antd';
import { useT } from '../../i18n';

/** The small empty state of a list or table; 暂无数据 unless told otherwise. */
export function ListEmpty({ description, style }: { description?: ReactNode; style?: CSSProperties }) {
  const t = useT();
  return <Empty description={description ?? t('common.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} style={style} />;
}
