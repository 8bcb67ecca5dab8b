// The feedback domain's own types: db/schema stores them, the app speaks them.

/**
 * pending until an officer looks (or escalated when it may need safeguarding); approved is shown, hidden is not;
 * withdrawn: its author changed the answer after a person had acted on it, so it is kept (with its record) but no
 * longer counts anywhere.
 */
export const moderationStates = ["pending", "approved", "hidden", "escalated", "withdrawn"] as const;
export type ModerationState = (typeof moderationStates)[number];

/** What a moderation record says was done (moderation_events.action). */
export const moderationActions = [
  "approve",
  "approve_edited",
  "approve_bulk",
  "hide",
  "escalate",
  "withdrawn",
] as const;
export type ModerationAction = (typeof moderationActions)[number];
