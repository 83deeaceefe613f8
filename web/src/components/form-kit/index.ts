export { FormModal } from './FormModal';
export { useServerForm, type ServerFormOptions } from './useServerForm';
export { DateInput } from './DateInput';
