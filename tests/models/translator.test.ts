import { describe, expect, it } from "vitest";
import { createTranslator } from "~/i18n/translator";

describe("translating keys", () => {
  const en = {
    a: { b: "Hello {{name}}" },
    q_one: "{{count}} question",
    q_other: "{{count}} questions",
    only: "English only",
  };
  it("reads nested keys and fills in values", () => {
    const t = createTranslator("en", en);
    expect(t("a.b", { name: "Amy" })).toBe("Hello Amy");
    expect(t("missing.key")).toBe("missing.key");
  });

  it("chooses plural forms by the language's rules", () => {
    const pl = {
      q_one: "{{count}} pytanie",
      q_few: "{{count}} pytania",
      q_many: "{{count}} pytań",
      q_other: "{{count}} pytania",
    };
    const t = createTranslator("pl", pl, en);
    expect([1, 2, 5, 22, 25].map((count) => t("q", { count }))).toEqual([
      "1 pytanie",
      "2 pytania",
      "5 pytań",
      "22 pytania",
      "25 pytań",
    ]);
    const ar = {
      q_zero: "لا أسئلة",
      q_one: "سؤال واحد",
      q_two: "سؤالان",
      q_few: "{{count}} أسئلة",
      q_many: "{{count}} سؤالًا",
      q_other: "{{count}} سؤال",
    };
    const ta = createTranslator("ar", ar, en);
    expect([0, 1, 2, 3, 11, 100].map((count) => ta("q", { count }))).toEqual([
      "لا أسئلة",
      "سؤال واحد",
      "سؤالان",
      "3 أسئلة",
      "11 سؤالًا",
      "100 سؤال",
    ]);
  });

  it("falls back to English for a missing key", () => {
    expect(createTranslator("pl", {}, en)("only")).toBe("English only");
  });
});
