// The feedback domain's own types: db/schema stores them, the app speaks them.

/** pending until an officer looks (or escalated when it may need safeguarding); approved is shown, hidden is not. */
export const moderationStates = ["pending", "approved", "hidden", "escalated"] as const;
export type ModerationState = (typeof moderationStates)[number];
