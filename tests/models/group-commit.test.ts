import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { groupCommit } from "~/models/group-commit.server";
import { getDb } from "~db/client";
import { localities } from "~db/schema";
import { makeCounty } from "../support/factories";

const county = makeCounty();
const areaId = getDb().select({ areaId: localities.areaId }).from(localities).limit(1).get()?.areaId ?? 0;
const add = (name: string) => () =>
  getDb().insert(localities).values({ areaId, name, slug: name.toLowerCase() }).returning().get().id;
const named = (name: string) => getDb().select().from(localities).where(eq(localities.name, name)).all();

describe("group commit", () => {
  it("commits the writes of one moment together, each alone if it fails", async () => {
    expect(county.localities.length).toBe(2);
    const db = getDb();
    const before = db.$client.prepare("select count(*) as n from localities").get() as { n: number };
    const results = await Promise.allSettled([
      groupCommit(add("Alpha")),
      groupCommit(() => {
        add("Beta")();
        throw new Error("this write fails after writing");
      }),
      groupCommit(add("Gamma")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error("this write fails after writing"));
    // The failed write left nothing behind; the others are stored.
    expect(named("Alpha")).toHaveLength(1);
    expect(named("Beta")).toHaveLength(0);
    expect(named("Gamma")).toHaveLength(1);
    const after = db.$client.prepare("select count(*) as n from localities").get() as { n: number };
    expect(after.n).toBe(before.n + 2);
    expect(db.$client.inTransaction).toBe(false);
  });

  it("resolves only after the commit: a write is visible to a second connection when its promise settles", async () => {
    const db = getDb();
    const other = new (db.$client.constructor as typeof import("better-sqlite3"))(db.$client.name, {
      readonly: true,
    });
    try {
      const pending = groupCommit(add("Delta"));
      // Not yet run: queued for the end of this turn of the event loop.
      expect(other.prepare("select count(*) as n from localities where name = 'Delta'").get()).toEqual({ n: 0 });
      await pending;
      expect(other.prepare("select count(*) as n from localities where name = 'Delta'").get()).toEqual({ n: 1 });
    } finally {
      other.close();
    }
  });
});
