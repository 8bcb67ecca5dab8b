import { describe, expect, it } from "vitest";
import { readingAge, youngestAge } from "~/utils/reading-age";

describe("the reading-age hint", () => {
  it("gives the Flesch–Kincaid grade and the age it suits, exactly", () => {
    // 18 words, 1 sentence, 19 syllables: 0.39 × 18 + 11.8 × 19/18 − 15.59 = 3.886 → grade 3.9, about age 9.
    expect(readingAge("We will look at the bus times after five and tell you what we find out by March.")).toEqual({
      grade: 3.9,
      age: 9,
      words: 18,
    });
    // Long words and a long sentence read much older.
    const hard = readingAge(
      "The commissioning arrangements for supplementary transportation provision are being reconsidered in consultation with neighbouring authorities and operators.",
    );
    expect(hard?.grade).toBeGreaterThan(18);
    expect(hard?.age).toBe(Math.round(hard?.grade ?? 0) + 5);
  });

  it("says nothing for too few words or text that is not English letters", () => {
    expect(readingAge("Yes, from March.")).toBeNull();
    expect(readingAge("")).toBeNull();
    expect(readingAge("نعم سنعيد الحافلة في شهر مارس إن شاء الله وسنخبرك عندما يحدث ذلك")).toBeNull();
  });

  it("reads the youngest age of the asker's group", () => {
    expect(youngestAge("12_15")).toBe(12);
    expect(youngestAge("8-11")).toBe(8);
    expect(youngestAge("under_8")).toBe(7);
    expect(youngestAge(null)).toBeNull();
  });
});
