export { failedView } from './failed.ts';
export { TITLES } from './modal.ts';
export type { ViewBuilder, ViewMeta } from './types.ts';
export { uncertainSentence } from './uncertain.ts';
export { viewFor } from './view-for.ts';
export { type WorkingParts, workingView } from './working.ts';
