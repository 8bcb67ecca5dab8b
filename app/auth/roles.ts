export const roles = ["officer", "safeguarding", "board", "admin"] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  "consultations",
  "moderate",
  "tag",
  "summaries",
  "respond",
  "safeguard",
  /** Saving the safeguarding lists (phrases, exceptions, schools); the lead may read and try them, not save. */
  "safeguard_settings",
  "administer",
] as const;
export type Permission = (typeof permissions)[number];

/** What each role may do. Admins may do everything. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  officer: ["consultations", "moderate", "tag", "summaries"],
  safeguarding: ["moderate", "safeguard"],
  board: ["respond"],
  admin: permissions,
};

export function can(role: string, permission: Permission) {
  return (rolePermissions as Record<string, readonly Permission[]>)[role]?.includes(permission) ?? false;
}
