/**
 * The one place that says which locale file (i18next namespace) holds each top-level section of keys.
 * Keys keep their section as their first part (`staff.title`), so a call site never names a namespace:
 * i18next looks in `common`, then `participant`, then `staff` (its `fallbackNS`).
 * A participant page is sent `common` and `participant` only; staff pages also get `staff`.
 * A new section must be added to exactly one list here (tests/models/i18n.test.ts fails until it is);
 * `npm run i18n:split` then moves it out of common.json into its file.
 */
export const namespaceSections = {
  common: ["layout", "nav", "common", "error"],
  participant: [
    "home",
    "list",
    "consultation",
    "answer",
    "scale",
    "about",
    "audience",
    "audienceShort",
    "ageBand",
    "check",
    "done",
    "help",
    "ysdw",
    "cards",
    "openData",
    "privacy",
    "a11y",
    "chart",
    "pass",
    "ask",
    "qa",
    "join",
    "sessions",
  ],
  staff: [
    "safeguarding",
    "signIn",
    "role",
    "staff",
    "status",
    "kind",
    "sessionTimeout",
    "retention",
    "builder",
    "moderationState",
    "flag",
    "moderation",
    "moderationRecord",
    "meetings",
    "itemKind",
    "summary",
    "figures",
    "response",
    "actions",
    "results",
    "translate",
    "preview",
    "paper",
    "import",
    "questions",
    "groups",
    "staffSessions",
    "inbox",
    "plan",
    "themes",
    "admin",
    "exports",
    "audit",
    "twoFactor",
    "invite",
    "account",
    "accounts",
  ],
} as const;

export type Namespace = keyof typeof namespaceSections;
export const namespaces = Object.keys(namespaceSections) as Namespace[];
export const defaultNS: Namespace = "common";
export const fallbackNS: Namespace[] = ["participant", "staff"];

const sectionToNamespace = new Map<string, Namespace>(
  namespaces.flatMap((ns) => namespaceSections[ns].map((section) => [section, ns] as const)),
);

export function namespaceOf(section: string): Namespace | undefined {
  return sectionToNamespace.get(section);
}

export const isStaffPath = (pathname: string) => pathname.startsWith("/staff");

/** The namespaces a page at this path needs: a participant page is never sent staff wording. */
export function namespacesFor(pathname: string): Namespace[] {
  return isStaffPath(pathname) ? namespaces : ["common", "participant"];
}
