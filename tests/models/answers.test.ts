import { describe, expect, it } from "vitest";
import { parseAnswer } from "~/schemas/answers";

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};
const q = (kind: string, extra: Partial<Parameters<typeof parseAnswer>[0]> = {}) => ({
  id: 1,
  kind,
  required: true,
  maxLength: 50,
  options: [
    { id: 10, isOther: false },
    { id: 11, isOther: false },
    { id: 12, isOther: true },
  ],
  ...extra,
});

describe("reading one answer from a form", () => {
  it("asks for a face when none is chosen, and refuses values off the scale", () => {
    expect(parseAnswer(q("scale"), form([])).error?.key).toBe("answer.chooseFace");
    expect(parseAnswer(q("scale"), form([["answer", "6"]])).error?.key).toBe("answer.chooseFace");
    expect(parseAnswer(q("scale"), form([["answer", "4"]])).answer).toEqual({ value: 4 });
  });

  it("lets optional questions be skipped", () => {
    expect(parseAnswer(q("scale", { required: false }), form([]))).toEqual({ raw: { answer: "" } });
  });

  it("refuses option ids that are not the question's", () => {
    expect(parseAnswer(q("single"), form([["answer", "99"]])).error).toBeTruthy();
    expect(
      parseAnswer(
        q("multiple"),
        form([
          ["answer", "10"],
          ["answer", "99"],
        ]),
      ).error,
    ).toBeTruthy();
  });

  it("needs the other text when Other is ticked", () => {
    expect(parseAnswer(q("multiple"), form([["answer", "12"]])).error?.key).toBe("answer.enterOther");
    expect(
      parseAnswer(
        q("multiple"),
        form([
          ["answer", "12"],
          ["other", "skate park"],
        ]),
      ).answer,
    ).toEqual({
      optionIds: [12],
      text: "skate park",
    });
  });

  it("needs every ranking number once", () => {
    expect(
      parseAnswer(
        q("ranking"),
        form([
          ["rank-10", "1"],
          ["rank-11", "1"],
          ["rank-12", "2"],
        ]),
      ).error?.key,
    ).toBe("answer.rankDifferent");
    expect(parseAnswer(q("ranking"), form([["rank-10", "1"]])).error?.key).toBe("answer.rankAll");
    expect(
      parseAnswer(
        q("ranking"),
        form([
          ["rank-10", "2"],
          ["rank-11", "1"],
          ["rank-12", "3"],
        ]),
      ).answer,
    ).toEqual({
      ranks: { "10": 2, "11": 1, "12": 3 },
    });
  });

  it("keeps what was typed when text is too long", () => {
    const long = "a".repeat(51);
    const r = parseAnswer(q("long_text"), form([["answer", long]]));
    expect(r.error).toEqual({ key: "answer.tooLong", values: { max: 50 } });
    expect(r.raw.answer).toBe(long);
  });
});

describe("a ranking with a mistake", () => {
  it("keeps every number the person chose", () => {
    const r = parseAnswer(
      q("ranking"),
      form([
        ["rank-10", "1"],
        ["rank-11", "1"],
        ["rank-12", "3"],
      ]),
    );
    expect(r.raw).toEqual({ "rank-10": "1", "rank-11": "1", "rank-12": "3" });
  });
});
