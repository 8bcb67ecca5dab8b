/** Safe for the browser: the school phases a form offers (app/models/admin.server.ts checks them). */
export const schoolPhases = ["primary", "secondary", "special", "college"] as const;
export type SchoolPhase = (typeof schoolPhases)[number];
