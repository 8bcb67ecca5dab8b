/** Where a question thread is: its words being checked, waiting for an answerer, with them, answered, or closed. */
export const threadStatuses = ["waiting_check", "waiting_assignment", "with_answerer", "answered", "closed"] as const;
export type ThreadStatus = (typeof threadStatuses)[number];

/** Why a pass holder reports a published question. */
export const reportReasons = ["personal", "unkind", "wrong", "other"] as const;
export type ReportReason = (typeof reportReasons)[number];

/** Distinct reports (since the last review) that hide a published question until an officer looks at it. */
export const REPORTS_TO_HIDE = 3;

/**
 * The status as the asker reads it: "with [role of answerer]" names who has their question (a participation officer,
 * a Board member or a member of the Strategic Partnership), never the person.
 */
export function shownStatus(status: ThreadStatus, answererRole: string | null) {
  if (status !== "with_answerer") return status;
  return answererRole === "board" ? "with_board" : answererRole === "partnership" ? "with_partnership" : "with_officer";
}
