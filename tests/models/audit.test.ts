import { beforeEach, describe, expect, it } from "vitest";
import { requirePermission } from "~/auth/session.server";
import { auditCsvChunks, auditFiltersFrom, listAudit } from "~/models/audit.server";
import { approveMany, moderateContribution } from "~/models/feedback.server";
import { escalateContribution, recordCaseAction } from "~/models/safeguarding.server";
import { createStaffSession } from "~/models/staff.server";
import { csvCell, csvLine } from "~/utils/csv";
import { getDb } from "~db/client";
import { auditLog, contributions } from "~db/schema";
import { makeCounty } from "../support/factories";

const county = makeCounty();
const officer = county.officer;
const add = (body: string) =>
  getDb()
    .insert(contributions)
    .values({
      source: "consultation",
      kind: "text",
      audience: "young_people",
      body,
      maskedBody: body,
      moderationState: "pending",
      createdAt: new Date().toISOString(),
    })
    .returning({ id: contributions.id })
    .get().id;
const at = (staffId: number | null, action: string, createdAt: string, detail?: unknown) =>
  getDb()
    .insert(auditLog)
    .values({ staffId, action, createdAt, detail: detail === undefined ? null : JSON.stringify(detail) })
    .returning({ id: auditLog.id })
    .get().id;
const csvOf = (filters: Parameters<typeof auditCsvChunks>[0]) => [...auditCsvChunks(filters, ["at", "id"])].join("");

beforeEach(() => {
  getDb().delete(auditLog).run();
});

describe("the audit log", () => {
  it("lists newest first with the staff member's name, filtered by action, staff and London days", () => {
    // 23:30 UTC on 24 October is 00:30 on 25 October in London (summer time until 01:00 UTC that day); 00:30 UTC on 1 December is 1 December.
    const a = at(officer.id, "sign_in", "2026-10-24T23:30:00.000Z");
    const b = at(null, "sign_in_failed", "2026-11-15T10:00:00.000Z", { email: "x@test" });
    const c = at(county.boardMember.id, "sign_in", "2026-11-30T23:59:00.000Z");
    const d = at(officer.id, "export_started", "2026-12-01T00:30:00.000Z");
    expect(listAudit({}).rows.map((r) => [r.id, r.action, r.staff])).toEqual([
      [d, "export_started", "Olive Officer"],
      [c, "sign_in", county.boardMember.name],
      [b, "sign_in_failed", null],
      [a, "sign_in", "Olive Officer"],
    ]);
    expect(listAudit({ action: "sign_in" }).rows.map((r) => r.id)).toEqual([c, a]);
    expect(listAudit({ staffId: officer.id }).rows.map((r) => r.id)).toEqual([d, a]);
    expect(listAudit({ from: "2026-10-25", to: "2026-11-30" }).rows.map((r) => r.id)).toEqual([c, b, a]);
    expect(listAudit({ from: "2026-12-01" }).rows.map((r) => r.id)).toEqual([d]);
    expect(listAudit({ to: "2026-10-24" }).total).toBe(0);
  });

  it("pages fifty at a time, and the CSV holds every filtered row", () => {
    const ids = Array.from({ length: 51 }, (_, i) =>
      at(officer.id, "backup", new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString()),
    );
    const first = listAudit({}, 1);
    const second = listAudit({}, 2);
    expect(first.total).toBe(51);
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0].id).toBe(ids[50]);
    expect(second.rows.map((r) => r.id)).toEqual([ids[0]]);
    expect(csvOf({ action: "backup" }).split("\r\n").filter(Boolean)).toHaveLength(52);
  });

  it("drops malformed filters instead of failing", () => {
    const f = auditFiltersFrom(
      new URL("http://x/staff/audit?action=DROP%20TABLE&staff=-1&from=2026-02-30&to=2026-11-05&page=0"),
    );
    expect(f.filters).toEqual({ action: undefined, staffId: undefined, from: undefined, to: "2026-11-05" });
    expect(f.page).toBe(1);
    expect(f.query).toBe("to=2026-11-05");
  });

  it("escapes cells a spreadsheet would run as a formula", () => {
    expect(["=cmd()", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "plain", "a,b", 'say "hi"', null].map(csvCell)).toEqual([
      "'=cmd()",
      "'+1",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      '"\'\rx"',
      "plain",
      '"a,b"',
      '"say ""hi"""',
      "",
    ]);
    at(null, "sign_in_failed", "2026-11-02T09:00:00.000Z", { email: '=HYPERLINK("http://evil")' });
    expect(csvOf({})).toBe(
      'at,id\r\n2026-11-02T09:00:00.000Z,,,sign_in_failed,,,"{""email"":""=HYPERLINK(\\""http://evil\\"")""}"\r\n',
    );
    expect(csvLine(["=1+1", "x"])).toBe("'=1+1,x\r\n");
  });

  it("records refused access with the permission and the path, never the query string", () => {
    const session = createStaffSession(officer.id, 1);
    const request = new Request("http://x/staff/audit?q=my%20secret", { headers: { Cookie: `sb_staff=${session}` } });
    let status = 0;
    try {
      requirePermission(request, "administer");
    } catch (e) {
      status = (e as Response).status;
    }
    expect(status).toBe(403);
    const rows = listAudit({ action: "access_refused" }).rows;
    expect(rows.map((r) => [r.staffId, r.detail])).toEqual([
      [officer.id, JSON.stringify({ permission: "administer", path: "/staff/audit" })],
    ]);
    // Allowed access is not recorded.
    requirePermission(request, "moderate");
    expect(listAudit({}).total).toBe(1);
  });

  it("records moderation and safeguarding by id, and no detail holds anyone's words", () => {
    const words = ["Benches in the park please", "Tidy the bus stop", "Someone at home hurts me", "Bigger library"];
    const [p, q, r, s] = words.map(add);
    moderateContribution({ staffId: officer.id, contributionId: p, decision: "approve" });
    moderateContribution({ staffId: officer.id, contributionId: q, decision: "hide", reason: "Off topic note" });
    escalateContribution({ staffId: officer.id, contributionId: r, reason: "Disclosure at home" });
    recordCaseAction({
      staffId: officer.id,
      contributionId: r,
      action: "spoke_to_dsl",
      note: "Spoke to the school lead about home",
      status: "in_progress",
    });
    approveMany({ staffId: officer.id, contributionIds: [s] });
    const rows = listAudit({}).rows;
    expect(rows.map((x) => [x.action, x.subjectType, x.detail]).reverse()).toEqual([
      ["moderation_approve", "contribution", null],
      ["moderation_hide", "contribution", null],
      ["safeguarding_escalate", "contribution", null],
      ["safeguarding_action", "safeguarding_case", JSON.stringify({ action: "spoke_to_dsl", status: "in_progress" })],
      ["moderation_approve_bulk", "contribution", null],
    ]);
    expect(
      rows
        .filter((x) => x.subjectType === "contribution")
        .map((x) => x.subjectId)
        .reverse(),
    ).toEqual([p, q, r, s]);
    const everything = getDb().select().from(auditLog).all();
    const text = JSON.stringify(everything) + csvOf({});
    for (const w of [...words, "Off topic", "Disclosure", "school lead"]) expect(text).not.toContain(w);
  });
});
