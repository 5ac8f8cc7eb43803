/** The redirect-status rows: one cell per status a redirect may ask for, built from how a target spells each code. */
import { REDIRECT_STATUS_CODES } from '../spec/schema';
import type { Support } from './support';

export type RedirectStatus = (typeof REDIRECT_STATUS_CODES)[number];

/** Cells in the order of REDIRECT_STATUS_CODES, so a column keeps the row order of features.ts. */
export const redirectStatusCells = (cell: (status: RedirectStatus) => Support): Record<`action.redirect.status-${RedirectStatus}`, Support> =>
  Object.fromEntries(REDIRECT_STATUS_CODES.map((status) => [`action.redirect.status-${status}`, cell(status)])) as Record<
    `action.redirect.status-${RedirectStatus}`,
    Support
  >;
