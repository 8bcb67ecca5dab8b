import { describe, expect, it } from "vitest";
import { type CorpusPart, corpusParts, readCorpus } from "~/safeguarding/corpus.server";
import { evaluate, rate } from "~/safeguarding/evaluate";
import { defaultLists, mergeLists } from "~/safeguarding/lists";
import { checkText } from "~/utils/text-safety";
import * as seedTexts from "~db/seed/texts";

type Lang = "en" | "pl" | "ar";
type BlindSpec = {
  /** The parts written before it, which it must share no message with. */
  before: CorpusPart[];
  /** Its messages per language, exactly. */
  languages: Record<Lang, number>;
  disclosures: number;
  others: number;
  /** Floors at the measured figures (goal: 98%, not met on any blind part). */
  recall: Record<Lang | "all", number>;
  /** Ceiling at the measured figure (goal: 3%). */
  maxFalsePositives: number;
};

/**
 * What every blind part is held to: apart from the parts before it, its size per language, and floors at its measured
 * figures so it cannot get worse unnoticed. Failures name no message: nobody who tunes reads a blind part's words.
 */
function blindPart(part: Exclude<CorpusPart, "dev">, spec: BlindSpec) {
  const messages = readCorpus(part);
  const e = evaluate(messages);

  it("is apart from the parts written before it, with its messages in every language", () => {
    const seen = new Set(spec.before.flatMap((p) => readCorpus(p).map((m) => m.text)));
    expect(messages.filter((m) => seen.has(m.text)).length).toBe(0);
    for (const lang of ["en", "pl", "ar"] as const)
      expect(messages.filter((m) => m.lang === lang).length, lang).toBe(spec.languages[lang]);
  });

  it(`escalates at least ${(spec.recall.all * 100).toFixed(1)}% of disclosures (goal: 98%, not met)`, () => {
    expect(e.recall.all.total).toBe(spec.disclosures);
    for (const key of ["all", "en", "pl", "ar"] as const)
      expect(rate(e.recall[key]), key).toBeGreaterThanOrEqual(spec.recall[key]);
  });

  it(`escalates at most ${(spec.maxFalsePositives * 100).toFixed(1)}% of other messages (goal: 3%)`, () => {
    expect(e.falsePositives.all.total).toBe(spec.others);
    expect(rate(e.falsePositives.all)).toBeLessThanOrEqual(spec.maxFalsePositives);
  });
}

describe("the detector on the held-out corpus (never tuned on)", () => {
  // The goal is 98%, and it is NOT met. This held-out part was written by someone else while the detector was
  // tuned; whoever tunes reads only its aggregate figures, once, after their last tuning commit. First read: 105 of 136
  // (77.2%). After the Arabic dialect work (tuned on new development messages only): 127 of 136 (93.4%), English 74/80
  // (92.5%), Polish 25/28 (89.3%), Arabic 28/28. After Polish and Arabic negation and batches 13-24 of development
  // messages (23 November): 129 of 136 (94.9%), English 75/80, Polish 27/28, Arabic 27/28 (one Arabic
  // self-harm message now missed). After batches 25-28 and the retrained model (25 November): 128 of 136 (94.1%),
  // English 75/80, Polish 26/28, Arabic 27/28: one Polish disclosure lost while the other blind parts gained 14.
  // After batches 29-31 and the concept lexicon: 129 of 136 (94.9%; English 76/80, Polish 26/28, Arabic 27/28).
  // These floors are the measured figures, so it cannot get worse unnoticed; raise them as the detector improves (from
  // new development messages, never from these).
  // Measured 3 of 105 (2.9%). Goal met, narrowly.
  // After the threshold went from 0.9 to 0.75 and batches 32-36 (later): 131 of 136 and 3 of 105;
  // the floors are these.
  blindPart("heldout", {
    before: ["dev"],
    languages: { en: 141, pl: 50, ar: 50 },
    disclosures: 136,
    others: 105,
    recall: { all: 131 / 136, en: 76 / 80, pl: 28 / 28, ar: 27 / 28 },
    maxFalsePositives: 3 / 105,
  });
});

describe("the detector on the second held-out part (written blind, later)", () => {
  // 366 messages written by someone who never saw the detector, its lists or its development messages, evaluated
  // once when they arrived, after the last tuning commit: the most honest estimate of how it does on new words.
  // Measured: 166 of 204 disclosures (81.4%; English 68/76, Polish 48/63, Arabic 50/65) and 10 of 162 other messages
  // escalated (6.2%). Neither goal (98%, 3%) is met. Floors at the measured figures; never tune on these messages.
  // After Polish and Arabic negation and batches 13-24 of development messages (23 November): still 166 of 204 (English
  // 69/76, Polish 49/63, Arabic 48/65) and 11 of 162 flagged (6.8%): the new words traded two Arabic catches for one
  // English and one Polish, and one more ordinary message is flagged. After batches 25-28 and the retrained model (25
  // November): 171 of 204 (83.8%; English 69/76, Polish 52/63, Arabic 50/65) and 10 of 162 (6.2%). After the concept
  // lexicon and batches 29-30: 177 of 204 (86.8%; English 72/76, Polish 54/63, Arabic 51/65), still 10 of 162. After
  // batch 31: 176 (Arabic 50/65).
  // After the threshold went from 0.9 to 0.75 and batches 32-36 (later): 187 of 204 and 7 of 162;
  // the floors are these.
  blindPart("heldout2", {
    before: ["dev", "heldout"],
    languages: { en: 137, pl: 113, ar: 116 },
    disclosures: 204,
    others: 162,
    recall: { all: 187 / 204, en: 74 / 76, pl: 58 / 63, ar: 55 / 65 },
    maxFalsePositives: 7 / 162,
  });
});

describe("the detector on the third held-out part (written blind, 24 November)", () => {
  // 300 messages (100 per language; 165 disclosures across all fourteen categories, 135 ordinary, most of them hard)
  // written by a helper who never opened the detector, its lists or any other part of the corpus. Its writer noted that
  // many Polish and Arabic messages reword English ones. Read with the detector as it stands: 127 of 165 (77.0%;
  // English 51/55, Polish 39/55, Arabic 37/55) and 8 of 135 other messages (5.9%). After batches 25-28 and the
  // retrained model (25 November): 135 of 165 (81.8%; English 53/55, Polish 44/55, Arabic 38/55), still 8 of 135.
  // After the concept lexicon and batches 29-30: 138 of 165 (83.6%; English 52/55, Polish 45/55, Arabic 41/55). After
  // batch 31: 139 (English 53/55).
  // Floors at those figures; never tune on it.
  // After the threshold went from 0.9 to 0.75 and batches 32-36 (later): 150 of 165 and 9 of 135;
  // the floors are these.
  blindPart("heldout3", {
    before: ["dev", "heldout", "heldout2"],
    languages: { en: 100, pl: 100, ar: 100 },
    disclosures: 165,
    others: 135,
    recall: { all: 150 / 165, en: 54 / 55, pl: 50 / 55, ar: 46 / 55 },
    maxFalsePositives: 9 / 135,
  });
});

describe("the detector on the fourth held-out part (written blind, 25 November)", () => {
  // 300 messages (100 per language, each language written on its own rather than translated; 165 disclosures across
  // all fourteen categories, 135 ordinary, 108 of them hard; a few Arabic ones in Latin letters) written by a helper who
  // never opened the detector, its lists or any other part of the corpus, while batches 25-28 were taken in. Read once,
  // aggregate figures only, after the last change: 147 of 165 (89.1%; English 51/55, Polish 53/55, Arabic 43/55) and 9
  // of 135 other messages (6.7%). The detector before batches 25-28 (commit 4a461ee), read on it at the same time:
  // 142 of 165 (86.1%; Arabic 43/55, Polish 48/55) and 12 of 135 (8.9%). Read again after the concept lexicon and
  // batches 29-30 (no longer a first reading): 150 of 165 (90.9%; English 51/55, Polish 53/55, Arabic 46/55) and 7 of
  // 135 (5.2%). After batch 31: 151 (Arabic 47/55). Floors at that reading; never tune on it.
  // After the threshold went from 0.9 to 0.75 and batches 32-36 (later): 160 of 165 and 7 of 135;
  // the floors are these.
  blindPart("heldout4", {
    before: ["dev", "heldout", "heldout2", "heldout3"],
    languages: { en: 100, pl: 100, ar: 100 },
    disclosures: 165,
    others: 135,
    recall: { all: 160 / 165, en: 54 / 55, pl: 55 / 55, ar: 51 / 55 },
    maxFalsePositives: 7 / 135,
  });
});

describe("the detector on the fifth held-out part (written blind, 25 November)", () => {
  // 297 messages (100 Polish, 100 Arabic, 97 English, each language written on its own; 165 disclosures across all
  // fourteen categories, 132 ordinary, most of them hard; 8 Arabic ones in Latin letters), written by a helper who never
  // opened the detector, its lists or any other part of the corpus, while batches 29-30 were written. Three English
  // ordinary rows that were word for word in other parts ("my mum will literally kill me if i fail…") were taken out
  // when this test found them. Read once, aggregate figures only, after the last change, with three detectors: the
  // session's start (4a461ee) 130 of 165 (78.8%; English 46/55, Polish 47/55, Arabic 37/55) and 11 of 132 (8.3%);
  // after batches 25-28 and the concept lexicon (6dec63a) 138 (83.6%) and 8 (6.1%); after batches 29-30, this commit,
  // 141 of 165 (85.5%; English 51/55, Polish 53/55, Arabic 37/55) and 7 of 132 (5.3%). Read again after batch 31
  // (no longer a first reading): 144 (87.3%; English 50/55, Arabic 41/55), still 7. Floors at the last; never tune on
  // it.
  // After the threshold went from 0.9 to 0.75 and batches 32-36 (later): 157 of 165 and 6 of 132;
  // the floors are these.
  blindPart("heldout5", {
    before: ["dev", "heldout", "heldout2", "heldout3", "heldout4"],
    languages: { en: 97, pl: 100, ar: 100 },
    disclosures: 165,
    others: 132,
    recall: { all: 157 / 165, en: 54 / 55, pl: 55 / 55, ar: 48 / 55 },
    maxFalsePositives: 6 / 132,
  });
});

describe("the detector on the sixth held-out part (written blind, 25 November)", () => {
  // 300 messages (100 per language, each written on its own, asked to avoid stock phrases; 165 disclosures across all
  // fourteen categories, 135 ordinary, most of them hard; 9 Arabic ones in Latin letters), written by a helper who never
  // opened the detector, its lists or any other part of the corpus, while batch 31 was taken in. Read once, aggregate
  // figures only, after the last change, with two detectors: the session's start (4a461ee) 126 of 165 (76.4%; English
  // 48/55, Polish 38/55, Arabic 40/55) and 15 of 135 (11.1%); this commit 142 of 165 (86.1%; English 48/55, Polish
  // 47/55, Arabic 47/55) and 13 of 135 (9.6%). In the next session, after the trained layer's threshold went from 0.9
  // to 0.75 and batches 32-36: 156 of 165 (94.5%) and 14 of 135 (10.4%). Floors at the last; never tune on it.
  blindPart("heldout6", {
    before: ["dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5"],
    languages: { en: 100, pl: 100, ar: 100 },
    disclosures: 165,
    others: 135,
    recall: { all: 156 / 165, en: 51 / 55, pl: 55 / 55, ar: 50 / 55 },
    maxFalsePositives: 14 / 135,
  });
});

describe("the detector on the seventh held-out part (written blind, read once at the end of a session)", () => {
  // 300 messages (100 per language, each written on its own; 165 disclosures across all fourteen categories, 135
  // ordinary, at least 105 of them hard; 9 Arabic ones in Latin letters), written by a helper who never opened the
  // detector, its lists or any other part of the corpus. Read once, aggregate figures only, after the last change of
  // the session that lowered the threshold: the session's start (ec4a129) 132 of 165 (80.0%; English 45/55, Polish
  // 47/55, Arabic 40/55) and 14 of 135 (10.4%); its end 148 of 165 (89.7%; English 51/55, Polish 52/55, Arabic 45/55)
  // and 15 of 135 (11.1%). Floors at the last; never tune on it.
  blindPart("heldout7", {
    before: ["dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6"],
    languages: { en: 100, pl: 100, ar: 100 },
    disclosures: 165,
    others: 135,
    recall: { all: 148 / 165, en: 51 / 55, pl: 52 / 55, ar: 45 / 55 },
    maxFalsePositives: 15 / 135,
  });
});

describe("the detector on the eighth held-out part (written blind, read once at the end of a session)", () => {
  // 300 messages (100 per language, each written on its own; 165 disclosures across all fourteen categories, 135
  // ordinary, 90 of them hard; 10 Arabic ones in Latin letters), written by a helper who never opened the detector,
  // its lists or any other part of the corpus, while batches 35-36 were read. Read once, aggregate figures only, after
  // the session's last change: the session's start (ec4a129) 145 of 165 (87.9%; English 48/55, Polish 51/55, Arabic
  // 46/55) and 10 of 135 (7.4%); its end 154 of 165 (93.3%; English 50/55, Polish 53/55, Arabic 51/55) and 11 of 135
  // (8.1%). Read again after the final review's fixes to the lists (no longer a first reading): the same. Floors at the
  // last; never tune on it.
  blindPart("heldout8", {
    before: ["dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "plain"],
    languages: { en: 100, pl: 100, ar: 100 },
    disclosures: 165,
    others: 135,
    recall: { all: 154 / 165, en: 50 / 55, pl: 53 / 55, ar: 51 / 55 },
    maxFalsePositives: 11 / 135,
  });
});

describe("the detector on plain everyday answers (written blind)", () => {
  // 599 ordinary answers (200 per language, less one English answer word for word in the seventh part; about 70%
  // plain, the rest with everyday words a crude filter misreads; a quarter from parents), written by a helper who never
  // opened the detector, to measure false alarms on the text most answers are, which the held-out parts (mostly hard
  // ordinary messages) do not. Read with the detector at the session's start (ec4a129): 12 of 600 flagged (2.0%); at
  // its end, after the threshold went to 0.75: 16 of 599 (2.7%). Never tuned on.
  const messages = readCorpus("plain");
  const e = evaluate(messages);

  it("is apart from every other part, about 200 answers per language, all ordinary", () => {
    const others = corpusParts.filter((p) => p !== "plain");
    const seen = new Set(others.flatMap((p) => readCorpus(p).map((m) => m.text)));
    expect(messages.filter((m) => seen.has(m.text)).length).toBe(0);
    expect(messages.filter((m) => m.lang === "en").length).toBe(199);
    for (const lang of ["pl", "ar"] as const) expect(messages.filter((m) => m.lang === lang).length).toBe(200);
    expect(messages.every((m) => m.label === "ordinary")).toBe(true);
  });

  it("escalates at most 16 of the 599 (2.7%; goal: 3%)", () => {
    expect(e.falsePositives.all.total).toBe(599);
    // Failures name no message: nobody tunes on this part.
    expect(e.falsePositives.all.hit).toBeLessThanOrEqual(16);
  });
});

describe("the detector on the development corpus", () => {
  // Tuned and trained on, so these are not estimates of how it does on new words (the held-out part is): they are
  // floors so a change to the lists or the model cannot quietly lose what it was taught. Measured: every one of the
  // 1,557 disclosures escalated (English 542, Polish 348, Arabic 667) and none of the 1,265 ordinary and masking rows.
  // With batches 25-28 (25 November): all 2,127 (English 592, Polish 628, Arabic 907) and 2 of 1,715 others (0.1%).
  // With batches 29-30: all 2,427 (English 647, Polish 723, Arabic 1,057) and 2 of 1,935 others. With batch 31: all
  // 2,567 (Arabic 1,197) and 2 of 2,035.
  it("escalates at least 99% of the development disclosures in each language, and at most 1% of the rest", () => {
    const e = evaluate(readCorpus("dev"));
    expect(e.recall.all.total).toBeGreaterThanOrEqual(2567);
    for (const lang of ["all", "en", "pl", "ar"]) {
      expect(rate(e.recall[lang]), `${lang}: ${e.missed.map((m) => m.text).join("\n")}`).toBeGreaterThanOrEqual(0.99);
      expect(rate(e.falsePositives[lang]), `${lang}: ${e.flagged.map((m) => m.text).join("\n")}`).toBeLessThanOrEqual(
        0.01,
      );
    }
    expect(e.recall.ar.total).toBeGreaterThanOrEqual(1197);
    expect(e.recall.pl.total).toBeGreaterThanOrEqual(723);
  });

  it.each([
    "بابا بيضربني كل يوم",
    "خايف روح عالبيت",
    "ما بدي عيش بعد اليوم",
    "مش عايز أروح البيت",
    "ما أبي أرجع البيت",
    "أبوي يضربني",
    "خايفة من جوز أمي",
  ])("escalates the Arabic dialect %s", (text) => {
    expect(checkText(text).escalate).toBe(true);
  });

  it.each(["ماما عم تطبخ مجدرة اليوم", "خايف من امتحان الرياضيات", "أبي أروح البحر بالصيف", "متت من الضحك على النكتة"])(
    "leaves the ordinary Arabic %s alone",
    (text) => {
      expect(checkText(text).escalate).toBe(false);
    },
  );

  // This part's masking rows give the exact text that must not survive; the held-out part's name only the kind of
  // detail ("name", "email"), which the evaluation cannot check, so masking is asserted here.
  it("masks every personal detail in the masking messages", () => {
    const e = evaluate(readCorpus("dev"));
    expect(e.masking.all.total).toBeGreaterThan(15);
    expect(e.unmasked).toEqual([]);
  });
});

describe("negation in every language", () => {
  it.each([
    "nobody at home hurts me",
    "tata nigdy mnie nie uderzył",
    "nie boję się wracać do domu",
    "w domu nie ma żadnej przemocy",
    "أبوي ما يضربني أبد",
    "بابا مايضربني",
    "بابا مبيضربنيش",
    "مش خايفة أروح البيت لحالي",
  ])("leaves the denial %s ordinary", (text) => {
    expect(checkText(text).escalate).toBe(false);
  });

  // A negation reaches only the words just after it, in its own clause; phrases that say "not" mean it.
  it.each([
    "nie wiem co robić, tata mnie bije",
    "nie chcę wracać do domu bo ojczym pije",
    "ما بعرف ليش بابا بيضربني",
    "ما بنام لأنو بابا بيضربني",
    "مابدي ارجع عالبيت",
    "ماابي ارجع البيت",
    "كنخاف من راجل ماما",
    "أبوي ديضربني كل يوم",
  ])("still escalates %s", (text) => {
    expect(checkText(text).escalate).toBe(true);
  });
});

describe("words every object answers to", () => {
  // "constructor" or "__proto__" in an answer once threw inside the English word list, so the answer could not be sent.
  it.each([
    "the constructor of the park is nice",
    "toString valueOf hasOwnProperty __proto__ isPrototypeOf",
    "konstruktor constructor __proto__ بابا",
    "constructor",
    "__proto__ 3am constructor",
  ])("checks %s without throwing, and leaves it ordinary", (text) => {
    const check = checkText(text);
    expect(check.escalate).toBe(false);
    expect(check.masked).toBe(text);
  });
});

describe("Arabic typed in Latin letters (Arabizi)", () => {
  it.each([
    ["baba bedrobni kel yom", true],
    ["ana 5ayfeh mno, bi2arreb 3alay bl layl", true],
    ["ma ba3ref la min e7ki, shi sar ma3i", true],
    ["ra7 ynasher el sowar eza ma ba3atlo", true],
    ["ahli sakkaro 3layi bl beit", true],
    ["el youth club 7elo kteer, bas badna ping pong", false],
    ["5ayef mn el exam bokra lol", false],
  ])("reads %s (escalates: %s)", (text, escalate) => {
    expect(checkText(text).escalate).toBe(escalate);
  });

  it.each([
    "sir said we cant bring our ps5 to school m8 its private",
    "gr8 match m8, had a moot point about the mot test",
    "fifa23 tournament at the youth club was gr8",
  ])("leaves English with digits in its words alone: %s", (text) => {
    expect(checkText(text).escalate).toBe(false);
  });
});

describe("how children disclose", () => {
  // Each was hidden by an ordinary phrase, or missed by a phrase that could not match as written, until a review found it.
  it.each([
    "tata grozil ze zabije mame ale teraz jest dobrze",
    "tata kopie mnie po nocach",
    "pielegniarka pytala skad mam siniaki",
    "wole umrzec niz isc na weekend do taty",
    "عمي بيقول انها لعبه سريه بيننا",
    "I used to self harm but I started again last week",
    "ابوي يخلص علينا",
    "Mama mnie bije, a jak mama wraca to się boję.",
    "I look after the dog and my mum who can't get out of bed, I'm so tired I can't cope",
    "he said he'd kill me if I get caught telling anyone",
  ])("escalates %s, which an ordinary phrase once hid", (text) => {
    expect(checkText(text).escalate).toBe(true);
  });

  it.each([
    "I can't see the point of anything any more",
    "nobody would miss me",
    "I can't do this any more",
    "he kept punching me",
    "I had been hit by my stepdad",
    "I'm scared to go back to my house when he's there",
    "im scared 2 go home",
    "Nie chcę już żyć",
    "nie chce juz zyc",
    "أريد أن أموت",
    "اريد ان اموت",
  ])("escalates %s", (text) => {
    expect(checkText(text).escalate).toBe(true);
  });

  it.each([
    "I feel safe at home",
    "the bus hit the kerb",
    "my mum cuts my hair",
    "drugs lessons are boring",
    "killing time at the park",
  ])("leaves %s ordinary", (text) => {
    expect(checkText(text)).toMatchObject({ escalate: false, categories: [] });
  });

  it("names the category and shows where each detection is on the text as written", () => {
    const text = "my dad hits me and there's no food at home";
    const r = checkText(text);
    expect(r.categories).toEqual(expect.arrayContaining(["physical_abuse", "neglect"]));
    expect(r.flags).toContain("harm");
    const hit = r.spans.find((s) => s.kind === "physical_abuse");
    expect(text.slice(hit?.start, hit?.end)).toBe("hits me");
  });

  it("is not fooled by invisible characters or look-alike letters, and flags them", () => {
    const text = "I want to k\u200Bill myself";
    const r = checkText(text);
    expect(r.escalate).toBe(true);
    expect(r.flags).toContain("invisible_characters");
    const s = r.spans.find((x) => x.kind === "self_harm");
    expect(text.slice(s?.start, s?.end)).toBe("k\u200Bill myself");
    const cyrillic = checkText("I want to kіll myself");
    expect(cyrillic.escalate).toBe(true);
    expect(cyrillic.flags).toContain("mixed_scripts");
  });

  it("escalates, as another concern, a sentence about the child whose worrying words add up", () => {
    const r = checkText("she dragged my sister across the floor and I was terrified");
    expect(r.categories).toEqual(["other_concern"]);
    expect(checkText("she dragged the table across the floor").escalate).toBe(false);
  });

  it("flags, without escalating, text of only emoji or symbols", () => {
    expect(checkText("😭😭😭 !!!")).toMatchObject({ escalate: false, flags: ["symbols_only"] });
  });

  it("never escalates the demo county's ordinary answers, only the one written to escalate", () => {
    const all = new Set<string>();
    const walk = (v: unknown) => {
      if (typeof v === "string") all.add(v);
      else if (Array.isArray(v) || v instanceof Set) for (const x of v) walk(x);
      else if (v && typeof v === "object") for (const x of Object.values(v)) walk(x);
    };
    walk(seedTexts);
    expect(all.size).toBeGreaterThan(100);
    const escalated = [...all].filter((t) => checkText(t).escalate);
    expect(escalated).toEqual([...seedTexts.escalationTexts]);
  });
});

describe("masking how children write their details", () => {
  it.each([
    ["my name is tom and I like it", "my name is [removed] and I like it"],
    ["Hi I'm Jess and I want a crossing", "Hi I'm [removed] and I want a crossing"],
    ["At Oak Hill School the toilets have no locks", "At [removed] the toilets have no locks"],
    ["I go to Brackenford Secondary School", "I go to [removed]"],
    ["email jo at gmail dot com please", "email [removed] please"],
    ["jo.k@gmail.com", "[removed]"],
    ["my snap is jess_22", "my snap is [removed]"],
    ["follow @jess22 for more", "follow [removed] for more"],
    ["I live on Mill Lane near the shop", "I live on [removed] near the shop"],
    ["i live on mill lane", "i live on [removed]"],
    ["I live at 14 Station Road", "I live at [removed]"],
    ["ring 07 7 00 90 01 23 now", "ring [removed] now"],
    ["ring +44 7700 900 321", "ring [removed]"],
    ["near WD3 4QP", "near [removed]"],
    ["Nazywam się Kasia", "Nazywam się [removed]"],
    ["اسمي ليلى", "اسمي [removed]"],
  ])("masks %s", (text, masked) => {
    expect(checkText(text).masked).toBe(masked);
  });

  it.each(["I'm sad", "I'm Scared of the underpass", "I'm British and I like the park", "The bus is late"])(
    "does not take %s for a detail",
    (text) => {
      expect(checkText(text).masked).toBe(text);
    },
  );

  it("marks each masked detail for the moderator", () => {
    const text = "my snap is jess_22, ring 07700 900123";
    const r = checkText(text);
    expect(r.flags).toEqual(expect.arrayContaining(["handle", "phone"]));
    expect(r.spans.map((s) => [s.kind, text.slice(s.start, s.end)])).toEqual([
      ["handle", "jess_22"],
      ["phone", "07700 900123"],
    ]);
  });
});

describe("lists an administrator can edit", () => {
  it("takes an added phrase and an added school, and keeps the defaults for the rest", () => {
    const lists = mergeLists({
      phrases: { en: { ...defaultLists.phrases.en, fear_of_adult: ["the van man"] } },
      schools: ["Little Hatherton Free School"],
    });
    expect(checkText("the van man waits outside", { lists }).categories).toEqual(["fear_of_adult"]);
    expect(checkText("he kept punching me", { lists }).escalate).toBe(true);
    expect(checkText("I go to little hatherton free school", { lists }).masked).toBe("I go to [removed]");
    expect(checkText("the van man waits outside").escalate).toBe(false);
  });

  it("accepts an override directly", () => {
    expect(checkText("zzz plotka", { lists: { phrases: { pl: { bullying_threats: ["plotk*"] } } } }).escalate).toBe(
      true,
    );
  });
});
