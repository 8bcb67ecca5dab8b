// partnership: a member of the Strategic Partnership (health, police, schools, voluntary sector), who answers the
// questions an officer gives them.
export const roles = ["officer", "safeguarding", "board", "partnership", "admin"] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  "consultations",
  "moderate",
  "tag",
  "summaries",
  /** Publishing the Board's response and correcting a published entry. */
  "respond",
  /** Drafting the Board's response with the Board member (both edit it), its translations and actions, and following
   * the actions through; sending the draft to a Sounding Board. */
  "draft_responses",
  "safeguard",
  /** Saving the safeguarding lists (phrases, exceptions, schools); the lead may read and try them, not save. */
  "safeguard_settings",
  "administer",
  /** Every question thread: assign to an answerer with a due date, close. */
  "manage_questions",
  /** Answer the question threads assigned to you. */
  "answer_questions",
  /** Groups and their join codes, sessions and their agendas; running a session also needs to be its facilitator. */
  "groups",
] as const;
export type Permission = (typeof permissions)[number];

/** What each role may do. Admins may do everything. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  officer: [
    "consultations",
    "moderate",
    "tag",
    "summaries",
    "draft_responses",
    "manage_questions",
    "answer_questions",
    "groups",
  ],
  safeguarding: ["moderate", "safeguard"],
  board: ["respond", "draft_responses", "answer_questions"],
  partnership: ["answer_questions"],
  admin: permissions,
};

export function can(role: string, permission: Permission) {
  return (rolePermissions as Record<string, readonly Permission[]>)[role]?.includes(permission) ?? false;
}
