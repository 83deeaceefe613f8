import { lazy, Suspense, type ComponentProps } from 'react';

const Upload = lazy(() => import('./EvidenceUpload').then((m) => ({ default: m.EvidenceUpload })));

/** The evidence picker, loaded when first shown (antd's Upload stays out of the case list's first load). */
export function EvidenceUpload(props: ComponentProps<typeof Upload>) {
  return (
    <Suspense fallback={null}>
      <Upload {...props} />
    </Suspense>
  );
}
