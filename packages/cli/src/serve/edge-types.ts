// The edge's input types, re-exported from @portcullis/edge so the composition root names them in one place.
export type { EdgeConfig, EdgeHost, EdgeTrustedCa } from '@portcullis/edge';
