/** Where a question thread is: its words being checked, waiting for an answerer, with them, answered, or closed. */
export const threadStatuses = ["waiting_check", "waiting_assignment", "with_answerer", "answered", "closed"] as const;
export type ThreadStatus = (typeof threadStatuses)[number];
