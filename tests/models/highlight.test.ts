import { describe, expect, it } from "vitest";
import { highlightParts } from "~/safeguarding/highlight";

describe("highlighting what the check found", () => {
  const text = "my dad hits me, my name is Tom";

  it("cuts the text into plain and found pieces that put it back together exactly", () => {
    const parts = highlightParts(text, [
      { start: 3, end: 14, kind: "physical_abuse" },
      { start: 27, end: 30, kind: "name" },
    ]);
    expect(parts).toEqual([
      { text: "my " },
      { text: "dad hits me", kind: "physical_abuse", harm: true },
      { text: ", my name is " },
      { text: "Tom", kind: "name", harm: false },
    ]);
    expect(parts.map((p) => p.text).join("")).toBe(text);
  });

  it("joins pieces that overlap or touch, named by the harm when one of them is a harm", () => {
    expect(
      highlightParts(text, [
        { start: 27, end: 30, kind: "name" },
        { start: 16, end: 30, kind: "fear_of_adult" },
        { start: 3, end: 7, kind: "name" },
        { start: 7, end: 14, kind: "physical_abuse" },
      ]),
    ).toEqual([
      { text: "my " },
      { text: "dad hits me", kind: "physical_abuse", harm: true },
      { text: ", " },
      { text: "my name is Tom", kind: "fear_of_adult", harm: true },
    ]);
  });

  it("leaves out spans that fall outside the text, and gives the whole text as one plain piece when nothing was found", () => {
    expect(highlightParts(text, [{ start: 25, end: 99, kind: "name" }])).toEqual([{ text }]);
    expect(highlightParts(text, [])).toEqual([{ text }]);
    expect(highlightParts("", [])).toEqual([]);
  });
});
