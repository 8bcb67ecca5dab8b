import { describe, expect, it } from "vitest";
import { checkText } from "~/utils/text-safety";

describe("checking free text on arrival", () => {
  it("masks names, phone numbers, emails, postcodes and street addresses", () => {
    const r = checkText(
      "My name is Jake Smith, ring 07700 900123 or jake@example.com, I live at 12 Mill Lane, OX1 2AB.",
    );
    expect(r.masked).not.toMatch(/Jake|07700|example\.com|Mill Lane|OX1 2AB/);
    expect(r.masked).toContain("My name is [removed]");
    expect(r.flags).toEqual(expect.arrayContaining(["name", "phone", "email", "postcode", "address"]));
    expect(r.escalate).toBe(false);
  });

  it("leaves ordinary words alone", () => {
    const r = checkText("The bus is late and the park lights are broken.");
    expect(r.masked).toBe("The bus is late and the park lights are broken.");
    expect(r.flags).toEqual([]);
  });

  it("escalates words that may signal harm or a disclosure", () => {
    for (const text of ["my step dad hits me", "I want to die", "I am scared to go home", "sometimes I self harm"]) {
      expect(checkText(text).escalate, text).toBe(true);
    }
    expect(checkText("we played a game at home").escalate).toBe(false);
  });
});

describe("names after a lead phrase", () => {
  it("masks a capitalised name, in any case of the lead phrase, and nothing after it", () => {
    expect(checkText("MY NAME IS Jake and I like it").masked).toBe("MY NAME IS [removed] and I like it");
    expect(checkText("my friend is nice").masked).toBe("my friend is nice");
    expect(checkText("i'm called Zofia Nowak.").masked).toBe("i'm called [removed].");
  });
});
