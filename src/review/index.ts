/**
 * Review stage: a self-contained HTML page for one port or upgrade, Linux and Xen side by side,
 * each change linked to its rule and reason (model.ts builds the data, html.ts renders it).
 */
export { buildReview } from './model';
export type { ReviewInput, ReviewModel, Change, Segment, DisplayKind } from './model';
export { renderReview } from './html';
export { parseChecks, logCheck } from './checks';
export type { CheckResult } from './checks';
