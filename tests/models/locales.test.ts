import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const load = (lang: string) => JSON.parse(fs.readFileSync(path.join("public/locales", lang, "common.json"), "utf8"));

function keys(obj: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === "object" ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

/** Plural forms differ by language (Polish and Arabic have more), so compare keys without their plural suffix. */
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, "");

describe("every user-facing string is in every language", () => {
  const en = new Set(keys(load("en")).map(base));
  for (const lang of ["pl", "ar"]) {
    it(`${lang} has every English key, and no stray ones`, () => {
      const other = new Set(keys(load(lang)).map(base));
      expect([...en].filter((k) => !other.has(k))).toEqual([]);
      expect([...other].filter((k) => !en.has(k))).toEqual([]);
    });
  }

  it('every t("…") key used in app/ exists in English', () => {
    const files = fs.readdirSync("app", { recursive: true, encoding: "utf8" }).filter((f) => /\.(tsx?|ts)$/.test(f));
    const used = new Set<string>();
    for (const f of files) {
      const src = fs.readFileSync(path.join("app", f), "utf8");
      for (const m of src.matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)) used.add(m[1]);
    }
    const all = new Set(keys(load("en")));
    const missing = [...used].filter((k) => !all.has(k) && !en.has(k) && !all.has(`${k}.title`));
    expect(missing).toEqual([]);
  });
});
