/** The redirect-status rows: one cell per status a redirect may ask for, built from how a target spells each code. */
import type { Support } from './support';

export const REDIRECT_STATUSES = [301, 302, 303, 307, 308] as const;
export type RedirectStatus = (typeof REDIRECT_STATUSES)[number];

/** Cells in the order of REDIRECT_STATUSES, so a column keeps the row order of features.ts. */
export const redirectStatusCells = (cell: (status: RedirectStatus) => Support): Record<`action.redirect.status-${RedirectStatus}`, Support> =>
  Object.fromEntries(REDIRECT_STATUSES.map((status) => [`action.redirect.status-${status}`, cell(status)])) as Record<
    `action.redirect.status-${RedirectStatus}`,
    Support
  >;
