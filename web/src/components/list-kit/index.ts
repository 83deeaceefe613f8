export { CreateButton } from './CreateButton';
export { InfiniteTable, type InfiniteTableProps } from './InfiniteTable';
export { ListEmpty } from './ListEmpty';
export { ListFooter, type ListFooterOptions, type ListFooterProps } from './ListFooter';
export { StatusSegmented, useStatusParam } from './StatusFilter';
export { isListLoading, listRows, useCursorList, type CursorListOptions, type InfiniteListQuery } from './query';
