/** What the council recognises as something done about a possible disclosure. */
export const caseActions = ["spoke_to_dsl", "referred_social_care", "police_informed", "no_further_action"] as const;
export type CaseAction = (typeof caseActions)[number];
export const caseStatuses = ["new", "in_progress", "closed"] as const;
export type CaseStatus = (typeof caseStatuses)[number];
