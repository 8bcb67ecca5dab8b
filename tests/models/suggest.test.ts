import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { trainModel } from "~/models/suggest/classifier";
import { features } from "~/models/suggest/tokens";
import { retrainSettled, suggestTags, tagsChanged, trainNow } from "~/models/suggest.server";
import { getDb } from "~db/client";
import { contributions, contributionTags, outcomes, plans, safeguardingCases } from "~db/schema";
import { seedDemo } from "~db/seed";
import { HELD_OUT } from "~db/seed/tag-corpus";

// Issue 10: suggested tags, learned in the server's memory from the demo county's tagged words.
const db = getDb();
let outcomeId: Record<string, number>;

// Made-up words whose every four-letter piece is unknown to the corpus, so what the model says about them comes only
// from the contributions a test writes.
function contribution(text: string, state: "approved" | "pending" | "hidden" | "escalated" | "withdrawn" = "approved") {
  return db
    .insert(contributions)
    .values({
      source: "session",
      kind: "text",
      audience: "young_people",
      body: text,
      maskedBody: text,
      moderationState: state,
      createdAt: new Date().toISOString(),
    })
    .returning({ id: contributions.id })
    .get().id;
}
function tag(contributionId: number, outcome: number) {
  db.insert(contributionTags)
    .values({ contributionId, outcomeId: outcome, source: "officer", createdAt: new Date().toISOString() })
    .run();
}
const top = (text: string, exclude: number[] = [], limit?: number) =>
  suggestTags([{ id: 1, text, exclude }], limit).get(1) ?? [];

let before: { documents: number; suggestions: unknown };
beforeAll(async () => {
  // First use, on an empty database: it trains then and there, on nothing.
  before = {
    suggestions: suggestTags([{ id: 1, text: "The bus is late", exclude: [] }]).get(1),
    documents: trainNow(),
  };
  await seedDemo(db);
  outcomeId = Object.fromEntries(
    db
      .select({ key: outcomes.key, id: outcomes.id })
      .from(outcomes)
      .innerJoin(plans, and(eq(plans.id, outcomes.planId), eq(plans.active, true)))
      .all()
      .map((o) => [o.key, o.id]),
  );
}, 60_000);

afterEach(() => {
  vi.useRealTimers();
});

describe("suggested tags", () => {
  it("suggests nothing while it knows too little", () => {
    // First use, on an empty database.
    expect(before).toEqual({ suggestions: [], documents: 0 });
    // Fewer than twenty documents: nothing worth a click.
    const docs = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ text: `words number ${i}`, outcomeIds: [i % 2 ? 1 : 2] }));
    expect(trainModel(docs(19), [1, 2])).toBeNull();
    expect(trainModel(docs(20), [1, 2])?.documents).toBe(20);
    // No active plan, no outcomes to suggest.
    db.update(plans).set({ active: false }).run();
    try {
      expect(trainNow()).toBe(0);
      expect(top("The bus is late")).toEqual([]);
    } finally {
      db.update(plans).set({ active: true }).where(eq(plans.title, "Children and Young People's Plan 2025–28")).run();
    }
  });

  it("learns from every approved, tagged free text of the demo county and gets ≥ 90% of held-out answers in its top three", () => {
    const learnable = db.$client
      .prepare(
        `select count(*) from contributions c where c.moderation_state = 'approved' and c.masked_body is not null
        and exists (select 1 from contribution_tags t where t.contribution_id = c.id)`,
      )
      .pluck()
      .get() as number;
    expect(learnable).toBeGreaterThan(650);
    expect(trainNow()).toBe(learnable);

    const find = db.$client.prepare("select id, masked_body as text from contributions where body = ?");
    let inTop3 = 0;
    for (const item of HELD_OUT) {
      const row = find.get(item.text) as { id: number; text: string };
      const suggestions = suggestTags([{ id: row.id, text: row.text, exclude: [] }]).get(row.id) ?? [];
      if (suggestions.some((s) => s.outcomeId === outcomeId[item.outcome])) inTop3++;
    }
    expect(inTop3 / HELD_OUT.length).toBeGreaterThanOrEqual(0.9);
  });

  it("leaves out outcomes a contribution already has, and gives probabilities between 0 and 1, most likely first", () => {
    trainNow();
    const text = "The bus to college costs too much and there are no apprenticeships near us.";
    const all = top(text, [], 5);
    expect(all.map((s) => s.outcomeId).sort()).toEqual(Object.values(outcomeId).sort());
    expect(all[0].outcomeId).toBe(outcomeId["economic-wellbeing"]);
    expect(all.reduce((sum, s) => sum + s.confidence, 0)).toBeCloseTo(1, 6);
    for (let i = 0; i < all.length; i++) {
      expect(all[i].confidence).toBeGreaterThan(0);
      expect(all[i].confidence).toBeLessThan(1);
      if (i) expect(all[i].confidence).toBeLessThanOrEqual(all[i - 1].confidence);
    }

    const three = top(text, [outcomeId["economic-wellbeing"]]);
    expect(three).toHaveLength(3);
    expect(three.map((s) => s.outcomeId)).not.toContain(outcomeId["economic-wellbeing"]);
    // The same probabilities as before: leaving one out does not inflate the others.
    expect(three).toEqual(all.slice(1, 4));

    const many = suggestTags([
      { id: 10, text, exclude: [] },
      { id: 11, text: "Nobody listens to young people.", exclude: [outcomeId["positive-contribution"]] },
    ]);
    expect([...many.keys()]).toEqual([10, 11]);
    expect(many.get(11)?.map((s) => s.outcomeId)).not.toContain(outcomeId["positive-contribution"]);
  });

  it("suggests nothing for words it has never seen, or for no words", () => {
    trainNow();
    expect(top("zqxjvw vqzkxj")).toEqual([]);
    expect(top("")).toEqual([]);
    expect(top("!!! 123")).toEqual([]);
  });

  // A run of letters longer than any word once took the English stemmer over half a second at 5,000 letters.
  it("takes nothing from a run of letters too long to be a word, and keeps long real words", () => {
    expect(features("a".repeat(5000))).toEqual([]);
    expect(features("antidisestablishmentarianism")[0]).toBe("antidisestablishmentarian");
  });

  // "constructor" and "__proto__" once crashed the safeguarding check of an answer; suggested tags read the same words
  // (wink keeps them in objects without a prototype today), and this keeps it so.
  it("reads words that name an object's own machinery like any other words", () => {
    trainNow();
    for (const text of ["constructor __proto__ toString hasOwnProperty valueOf", "the constructor of the bus station"])
      for (const s of top(text)) {
        expect(Number.isFinite(s.confidence), text).toBe(true);
        expect(s.confidence).toBeGreaterThan(0);
        expect(s.confidence).toBeLessThanOrEqual(1);
      }
  });

  it("never learns from pending, hidden, escalated or withdrawn words, nor from words with a safeguarding case", () => {
    const economic = outcomeId["economic-wellbeing"];
    const ids = (["pending", "hidden", "escalated", "withdrawn"] as const).map((state) =>
      contribution(`wqzvkx ${state}`, state),
    );
    const cased = contribution("wqzvkx approved once escalated");
    db.insert(safeguardingCases)
      .values({ contributionId: cased, status: "closed", escalatedAt: new Date().toISOString() })
      .run();
    for (const id of [...ids, cased]) tag(id, economic);
    trainNow();
    expect(top("wqzvkx")).toEqual([]);

    // The same words, approved: now they are learned, so the check above could have failed.
    db.update(contributions).set({ moderationState: "approved" }).where(eq(contributions.id, ids[1])).run();
    trainNow();
    expect(top("wqzvkx")[0].outcomeId).toBe(economic);
  });

  it("knows only the active plan's outcomes, and learns every outcome of a document tagged twice", () => {
    const oldPlan = db.select({ id: plans.id }).from(plans).where(eq(plans.active, false)).get() as { id: number };
    const oldOutcome = db
      .insert(outcomes)
      .values({ planId: oldPlan.id, key: "old", title: "Old", childTitle: "Old", position: 9 })
      .returning({ id: outcomes.id })
      .get().id;
    const old = contribution("kxqzwj jvqxzk");
    tag(old, oldOutcome);
    const twice = contribution("jxvqzw kzqxvj");
    tag(twice, outcomeId["stay-safe"]);
    tag(twice, outcomeId["enjoy-and-achieve"]);
    trainNow();
    // Its only tag belongs to the old plan: not a document to learn from, so its words stay unknown.
    expect(top("kxqzwj jvqxzk")).toEqual([]);
    expect(
      top("jxvqzw kzqxvj", [], 2)
        .map((s) => s.outcomeId)
        .sort(),
    ).toEqual([outcomeId["stay-safe"], outcomeId["enjoy-and-achieve"]].sort());
  });

  it("retrains after a tag change, a little later and off the request that made it", async () => {
    trainNow();
    const id = contribution("vzqkjx qwxzkj");
    tag(id, outcomeId["be-healthy"]);
    expect(top("vzqkjx qwxzkj")).toEqual([]);

    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    tagsChanged();
    tagsChanged();
    // Still the old model: retraining waits for tags to settle.
    vi.advanceTimersByTime(9_000);
    expect(top("vzqkjx qwxzkj")).toEqual([]);
    vi.advanceTimersByTime(1_000);
    vi.useRealTimers();
    // Not asked to: the timer alone set the retraining going.
    await vi.waitFor(() => expect(top("vzqkjx qwxzkj")[0]?.outcomeId).toBe(outcomeId["be-healthy"]), {
      timeout: 5_000,
    });

    // A tag removed is forgotten the same way.
    db.delete(contributionTags).where(eq(contributionTags.contributionId, id)).run();
    tagsChanged();
    await retrainSettled();
    expect(top("vzqkjx qwxzkj")).toEqual([]);
  });

  it("retrains at most a minute after the first change, however often tags keep changing", async () => {
    trainNow();
    const id = contribution("zkvqxw jqzxvk");
    tag(id, outcomeId["stay-safe"]);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    for (let i = 0; i < 12; i++) {
      tagsChanged();
      vi.advanceTimersByTime(5_000);
    }
    vi.useRealTimers();
    await vi.waitFor(() => expect(top("zkvqxw jqzxvk")[0]?.outcomeId).toBe(outcomeId["stay-safe"]), {
      timeout: 5_000,
    });
  });

  it("answers one contribution in well under 50 ms once trained", () => {
    trainNow();
    const text = HELD_OUT[0].text;
    top(text);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      top(text, [], 3);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    expect(times[10]).toBeLessThan(5);
    expect(times[19]).toBeLessThan(50);
  });
});

describe("the demo corpus", () => {
  it("is seeded with its held-out answers untagged, so they were never learned from", () => {
    const n = db.$client
      .prepare(
        `select count(*) from contributions c join consultations k on k.id = c.consultation_id
        where k.slug = 'big-conversation' and not exists (select 1 from contribution_tags t where t.contribution_id = c.id)`,
      )
      .pluck()
      .get();
    expect(n).toBe(HELD_OUT.length);
  });
});
