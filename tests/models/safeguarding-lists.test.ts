import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addQuestion, createConsultation, publishConsultation } from "~/models/consultations/builder.server";
import { getConsultationBySlug } from "~/models/consultations/participant-reads.server";
import { hashReceipt } from "~/models/consultations/receipts.server";
import { submitResponse } from "~/models/consultations/submission.server";
import { moderateContribution } from "~/models/feedback.server";
import { createImportJob, getConsultationForEntry, importTemplate } from "~/models/imports.server";
import { flaggedImportLines, getCase, recordCaseAction } from "~/models/safeguarding.server";
import {
  builtInLists,
  checkDigest,
  effectOf,
  listsInForce,
  listsInForceWithVersion,
  listVersionHistory,
  proposedLists,
  StaleListsError,
  saveListsVersion,
} from "~/models/safeguarding-lists.server";
import { checkText, defaultLists, mergeLists } from "~/safeguarding";
import { readParts, settingsParts } from "~/safeguarding/corpus.server";
import { evaluate } from "~/safeguarding/evaluate";
import {
  addField,
  type BuiltIns,
  builtInField,
  type ListKey,
  listKeys,
  readListsForm,
  typedFromEdits,
} from "~/schemas/safeguarding-lists";
import { workerTasks } from "~/workers/tasks.server";
import { databasePath, getDb, openDatabase } from "~db/client";
import { auditLog, contributions, safeguardingListVersions, staffUsers } from "~db/schema";
import { makeCounty } from "../support/factories";

const county = makeCounty();
const db = getDb();
const day = 86400_000;
const admin = db
  .insert(staffUsers)
  .values({ email: "admin@lists.test", name: "Ada Admin", passwordHash: "x", role: "admin" })
  .returning()
  .get();

const c = createConsultation({
  staffId: county.officer.id,
  title: "Things to do",
  summary: "Places to go",
  easySummary: null,
  audience: "young_people",
  opensAt: new Date(Date.now() - day).toISOString(),
  closesAt: new Date(Date.now() + 10 * day).toISOString(),
  minutes: 3,
});
const questionId = addQuestion({
  consultationId: c.id,
  kind: "long_text",
  prompt: "What would you like to do after school?",
  easyPrompt: null,
  why: null,
  required: true,
  maxLength: 1000,
  options: [],
  outcomeIds: [county.outcomes.staySafe.id],
});
publishConsultation(c.id);
const consultation = getConsultationBySlug(c.slug);
if (!consultation) throw new Error("not found");

let receipts = 0;
/** A young person's answer, through the app's own path (submission → buildResponse → checkText). */
function send(text: string) {
  const { responseId, escalated } = submitResponse({
    consultation: consultation as NonNullable<typeof consultation>,
    receiptHash: hashReceipt(`lists-receipt-${++receipts}-xxxxxxxxxxxxxxxx`),
    answers: { [questionId]: { text } },
    about: { ageBand: "12_15", localityId: county.localities[0].id },
    language: "en",
    readingLevel: "standard",
    channel: undefined,
  });
  const row = db
    .select({ id: contributions.id, state: contributions.moderationState, masked: contributions.maskedBody })
    .from(contributions)
    .where(eq(contributions.responseId, responseId))
    .get();
  if (!row) throw new Error("no contribution");
  return { ...row, escalated };
}

/** The form as the settings page sends it: every built-in ticked, then the changes a test makes. */
function form(b: BuiltIns, change: { off?: [ListKey, string][]; add?: [ListKey, string][]; note?: string } = {}) {
  const f = new FormData();
  const typed = typedFromEdits({ phrases: {}, ordinary: {} }, b);
  for (const key of listKeys(b)) {
    const id = key.lang ? `${key.lang}-${key.list}` : key.list;
    for (const phrase of typed.on[id] ?? []) {
      if (change.off?.some(([k, p]) => k.lang === key.lang && k.list === key.list && p === phrase)) continue;
      f.append(builtInField(key), phrase);
    }
    const added = change.add?.filter(([k]) => k.lang === key.lang && k.list === key.list).map(([, p]) => p);
    f.set(addField(key), added?.join("\n") ?? "");
  }
  if (change.note !== undefined) f.set("note", change.note);
  return f;
}

const builtIns = builtInLists();
const selfHarm: ListKey = { lang: "en", list: "self_harm" };
const bullying: ListKey = { lang: "en", list: "bullying_threats" };
const PHRASE = "purple kettle";

describe("the safeguarding lists an administrator saves", () => {
  it("are the built-in lists until someone saves, and the form reads an untouched page as no change", () => {
    expect(listsInForceWithVersion().version).toBeNull();
    expect(listsInForce()).toBe(defaultLists);
    const read = readListsForm(form(builtIns), builtIns);
    expect(read.errors).toEqual([]);
    expect(read.edits).toEqual({ phrases: {}, ordinary: {} });
  });

  it("a phrase an administrator adds escalates a young person's answer from the moment it is saved", async () => {
    const before = send(`My ${PHRASE} at home is broken`);
    expect(before.escalated).toBe(false);
    expect(before.state).toBe("pending");
    const waiting = send(`the ${PHRASE} and more clubs`);
    expect(waiting.state).toBe("pending");
    // A CSV file checked before the save, read again after it: the officer is shown the line with the phrase.
    const entry = getConsultationForEntry(c.id);
    if (!entry) throw new Error("no consultation");
    const file = await createImportJob({
      consultation: entry,
      staffId: county.officer.id,
      filename: "answers.csv",
      text: importTemplate(entry, `Our ${PHRASE} is lovely`),
      explain: String,
    });
    if (!file.ok) throw new Error(file.error);
    expect(flaggedImportLines(c.id, file.jobId)).toEqual([]);

    const read = readListsForm(form(builtIns, { add: [[bullying, PHRASE]], note: "seen in a case" }), builtIns);
    expect(read.errors).toEqual([]);
    expect(read.edits).toEqual({ phrases: { en: { bullying_threats: { added: [PHRASE], off: [] } } }, ordinary: {} });
    const id = saveListsVersion({ staffId: admin.id, edits: read.edits, note: read.note, baseVersionId: null });

    expect(listsInForceWithVersion().version).toMatchObject({ id, savedBy: "Ada Admin", note: "seen in a case" });
    expect(listsInForce().phrases.en.bullying_threats).toEqual([
      ...(defaultLists.phrases.en.bullying_threats ?? []),
      PHRASE,
    ]);
    expect(flaggedImportLines(c.id, file.jobId)).toEqual([2]);
    const after = send(`My ${PHRASE} at home is broken`);
    expect(after.escalated).toBe(true);
    expect(after.state).toBe("escalated");
    // The case, made when the lead first acts, keeps the category the saved phrase gave.
    recordCaseAction({
      staffId: admin.id,
      contributionId: after.id,
      action: "spoke_to_dsl",
      note: "Spoke to the school",
      status: "in_progress",
    });
    expect(getCase(after.id)?.categories).toEqual(["bullying_threats"]);
    // A moderator's edit is checked against the same lists: the lists in force now escalate what it keeps.
    expect(() =>
      moderateContribution({
        contributionId: waiting.id,
        staffId: county.officer.id,
        decision: "approve",
        editedText: `the ${PHRASE}`,
      }),
    ).toThrow(expect.objectContaining({ code: "edit_escalates" }));
    const audit = db.select().from(auditLog).where(eq(auditLog.action, "safeguarding_lists_saved")).all();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].detail ?? "")).toEqual({ added: 1, off: 0 });
  });

  it("a built-in phrase switched off no longer escalates, and every version stays in the history", () => {
    const text = "I hate myself";
    expect(checkText(text, { lists: listsInForce() }).matches.map((m) => m.phrase)).toContain("hate myself");
    const first = listsInForceWithVersion().version?.id ?? null;
    const read = readListsForm(
      form(builtIns, { off: [[selfHarm, "hate myself"]], add: [[bullying, PHRASE]] }),
      builtIns,
    );
    expect(read.errors).toEqual([]);
    const second = saveListsVersion({ staffId: admin.id, edits: read.edits, note: null, baseVersionId: first });
    expect(listsInForce().phrases.en.self_harm).not.toContain("hate myself");
    expect(checkText(text, { lists: listsInForce() }).matches.map((m) => m.phrase)).not.toContain("hate myself");

    const history = listVersionHistory();
    expect(history.map((v) => [v.id, v.savedBy, v.added, v.off, v.note])).toEqual([
      [second, "Ada Admin", 1, 1, null],
      [first, "Ada Admin", 1, 0, "seen in a case"],
    ]);
    // Nothing was overwritten: the first version's lists are as saved.
    const old = db
      .select()
      .from(safeguardingListVersions)
      .where(eq(safeguardingListVersions.id, Number(first)))
      .get();
    expect(old?.edits).toEqual({ phrases: { en: { bullying_threats: { added: [PHRASE], off: [] } } }, ordinary: {} });
  });

  it("are read from the database once and kept in memory until the next save", () => {
    const cached = listsInForce();
    expect(listsInForce()).toBe(cached);
    // A row written behind the app's back is not read per call: check_text never waits on the database.
    db.insert(safeguardingListVersions)
      .values({ edits: { phrases: {}, ordinary: {} }, note: null, staffId: admin.id, createdAt: "2099-01-01" })
      .run();
    expect(listsInForce()).toBe(cached);
    expect(send(`the ${PHRASE} again`).escalated).toBe(true);
    // Saving reads the newest version afresh; a save checked against an older version is refused.
    const newest = listVersionHistory()[0].id;
    const stale = listVersionHistory()[1].id;
    expect(() =>
      saveListsVersion({ staffId: admin.id, edits: { phrases: {}, ordinary: {} }, note: null, baseVersionId: stale }),
    ).toThrow(StaleListsError);
    expect(listsInForce()).toBe(cached);
    saveListsVersion({ staffId: admin.id, edits: { phrases: {}, ordinary: {} }, note: "back", baseVersionId: newest });
    expect(listsInForce()).not.toBe(cached);
    expect(listsInForce().phrases.en.bullying_threats).toEqual(defaultLists.phrases.en.bullying_threats);
    expect(send(`the ${PHRASE} again`).escalated).toBe(false);
  });

  it("school names added are masked in what may be quoted", () => {
    const schools: ListKey = { lang: null, list: "schools" };
    const read = readListsForm(form(builtIns, { add: [[schools, "Little Hatherton Free School"]] }), builtIns);
    const newest = listVersionHistory()[0].id;
    saveListsVersion({ staffId: admin.id, edits: read.edits, note: null, baseVersionId: newest });
    expect(send("I go to little hatherton free school and like it").masked).toBe("I go to [removed] and like it");
  });
});

describe("the settings form refuses what it cannot use, naming the field", () => {
  const errorsOf = (f: FormData) => readListsForm(f, builtIns).errors;

  it("a phrase over 100 characters, with the line it is on", () => {
    expect(errorsOf(form(builtIns, { add: [[bullying, `fine\n${"a".repeat(101)}`]] }))).toEqual([
      { field: "add-en-bullying_threats", code: "tooLong", values: { line: 2, max: 100 } },
    ]);
    expect(errorsOf(form(builtIns, { add: [[bullying, "a".repeat(100)]] }))).toEqual([]);
  });

  it("more than 2,000 lines", () => {
    const lines = Array.from({ length: 2001 }, (_, i) => `word${i}`).join("\n");
    expect(errorsOf(form(builtIns, { add: [[{ lang: "pl", list: "neglect" }, lines]] }))).toEqual([
      { field: "add-pl-neglect", code: "tooManyLines", values: { max: 2000 } },
    ]);
  });

  it("every built-in phrase of a category switched off with none added", () => {
    const all = (defaultLists.phrases.ar.neglect ?? []).map((p): [ListKey, string] => [
      { lang: "ar", list: "neglect" },
      p,
    ]);
    expect(all.length).toBeGreaterThan(0);
    expect(errorsOf(form(builtIns, { off: all }))).toEqual([{ field: "add-ar-neglect", code: "empty" }]);
    expect(errorsOf(form(builtIns, { off: all, add: [[{ lang: "ar", list: "neglect" }, "جوعان دائما"]] }))).toEqual([]);
  });

  it("a line with no letters, a word group that does not exist, and an over-long reason", () => {
    expect(errorsOf(form(builtIns, { add: [[bullying, "!!! ..."]] }))).toEqual([
      { field: "add-en-bullying_threats", code: "noWords", values: { line: 1 } },
    ]);
    expect(errorsOf(form(builtIns, { add: [[bullying, "@nosuchgroup me"]] }))).toEqual([
      { field: "add-en-bullying_threats", code: "unknownGroup", values: { line: 1, group: "@nosuchgroup" } },
    ]);
    expect(errorsOf(form(builtIns, { note: "x".repeat(501) }))).toEqual([
      { field: "note", code: "noteTooLong", values: { max: 500 } },
    ]);
  });

  it("a line repeating a built-in phrase, or another line, counts once", () => {
    const read = readListsForm(form(builtIns, { add: [[selfHarm, "Hate Myself\nnew one\nnew one\n\n"]] }), builtIns);
    expect(read.edits.phrases.en?.self_harm).toEqual({ added: ["new one"], off: [] });
  });
});

describe("the effect of proposed lists on the evaluation corpus", () => {
  it("gives the same figures as the evaluation itself, and the development messages that change", () => {
    const proposal = readListsForm(
      form(builtIns, {
        add: [
          [bullying, "skate park"],
          [bullying, "skatepark*"],
        ],
      }),
      builtIns,
    );
    const lists = proposedLists(proposal.edits);
    const effect = effectOf(lists);
    if (!effect) throw new Error("no corpus");
    const dev = readParts(settingsParts.dev);
    const heldout = readParts(settingsParts.heldout);
    const now = evaluate(dev, listsInForce());
    const then = evaluate(dev, mergeLists(lists));
    const all = effect.dev.rows.find((r) => r.key === "all");
    expect(all).toEqual({
      key: "all",
      recallCurrent: now.recall.all,
      recallProposed: then.recall.all,
      fpCurrent: now.falsePositives.all,
      fpProposed: then.falsePositives.all,
    });
    const newlyFlagged = then.flagged.filter((e) => !now.flagged.some((f) => f.text === e.text && f.lang === e.lang));
    expect(newlyFlagged.length).toBeGreaterThan(0);
    expect(effect.dev.changed?.map((m) => m.text).sort()).toEqual(newlyFlagged.map((e) => e.text).sort());
    expect(effect.dev.nowEscalated).toBe(newlyFlagged.length);
    expect(effect.dev.noLongerEscalated).toBe(0);
    // The held-out part gives counts only, never its messages.
    const heldNow = evaluate(heldout, listsInForce());
    const heldThen = evaluate(heldout, lists);
    expect(effect.heldout.changed).toBeNull();
    expect(effect.heldout.nowEscalated).toBe(heldThen.flagged.length - heldNow.flagged.length);
    expect(effect.heldout.rows.find((r) => r.key === "en")?.fpProposed).toEqual(heldThen.falsePositives.en);
  }, 60_000); // reads the development part (12,500 messages) several times: 12 s or more on a 2-core machine

  it("a save must carry the fingerprint of the lists that were checked", () => {
    const a = readListsForm(form(builtIns, { add: [[bullying, "one"]] }), builtIns).edits;
    const b = readListsForm(form(builtIns, { add: [[bullying, "two"]] }), builtIns).edits;
    expect(checkDigest(a, 3)).toBe(checkDigest(structuredClone(a), 3));
    expect(checkDigest(a, 3)).not.toBe(checkDigest(b, 3));
    expect(checkDigest(a, 3)).not.toBe(checkDigest(a, 4));
  });

  it("a worker thread's check of proposed lists compares them with the version the main thread saved last", () => {
    const other = openDatabase(databasePath());
    try {
      const cached = listsInForce();
      const edits = {
        phrases: { en: { bullying_threats: { added: ["other connection words"], off: [] } } },
        ordinary: {},
      };
      other.$client
        .prepare("insert into safeguarding_list_versions (edits, note, staff_id, created_at) values (?, ?, ?, ?)")
        .run(JSON.stringify(edits), "saved elsewhere", admin.id, new Date().toISOString());
      // kept in memory, as check_text needs
      expect(listsInForce()).toBe(cached);
      workerTasks.listsEffect({ phrases: {}, ordinary: {} });
      expect(listsInForceWithVersion().version).toMatchObject({ note: "saved elsewhere" });
      expect(listsInForce().phrases.en.bullying_threats).toContain("other connection words");
    } finally {
      other.$client.close();
    }
  });
});
