/** The seed's one transaction: every domain's seed file writes through it, so the demo county is all or nothing. */
export type { Tx } from "../client";
