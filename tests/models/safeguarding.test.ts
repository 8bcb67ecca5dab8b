import { describe, expect, it } from "vitest";
import { defaultModel } from "~/safeguarding";
import { classify } from "~/safeguarding/classifier";
import { type CorpusPart, corpusParts, readCorpus } from "~/safeguarding/corpus.server";
import { evaluate, rate } from "~/safeguarding/evaluate";
import { defaultLists, mergeLists } from "~/safeguarding/lists";
import { englishTokens } from "~/safeguarding/tokens";
import { checkText } from "~/utils/text-safety";
import * as seedTexts from "~db/seed/texts";

type Lang = "en" | "pl" | "ar";
type BlindSpec = {
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
 * What every blind part is held to: apart from every other part, its size per language, and floors at its measured
 * figures so it cannot get worse unnoticed. Failures name no message: nobody who tunes reads a blind part's words.
 */
function blindPart(part: Exclude<CorpusPart, "dev">, spec: BlindSpec) {
  const messages = readCorpus(part);
  const e = evaluate(messages);

  it("is apart from every other part, with its messages in every language", () => {
    const seen = new Set(corpusParts.filter((p) => p !== part).flatMap((p) => readCorpus(p).map((m) => m.text)));
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

describe("the detector on the six former blind parts (read and trained on since 24 November)", () => {
  // dev-h1 to dev-h6 were the blind parts heldout.tsv to heldout-6.tsv, each written by someone who never saw the
  // detector. Their first readings, the clean estimates of their day, are kept in tests/fixtures/safeguarding/README.md:
  // 105 of 136, 166 of 204, 127 of 165, 147 of 165, 130 of 165 and 126 of 165 disclosures escalated; at their last
  // blind reading (dd98548) 941 of 1,000 and 46 of 804 other messages. By then their aggregate figures had guided so
  // many decisions that they were no longer clean, so on 24 November they were read message by message, their false
  // alarms and misses mended in the lists and their rows trained on. These are floors at the measured figures, so a
  // change cannot quietly lose what they taught; they are not estimates of how the detector does on new wording. The
  // session's final review removed ordinary phrases that could hide disclosures, and their false alarms rose to at most
  // 6 of 135 (4.4%, dev-h6), so the ceiling is 5%.
  it.each([
    ["dev-h1", 136, 105],
    ["dev-h2", 204, 162],
    ["dev-h3", 165, 135],
    ["dev-h4", 165, 135],
    ["dev-h5", 165, 132],
    ["dev-h6", 165, 135],
  ] as const)(
    "%s: escalates at least 98 in 100 of its %i disclosures and at most 5 in 100 of its %i others",
    (part, disclosures, others) => {
      const e = evaluate(readCorpus(part));
      expect(e.recall.all.total).toBe(disclosures);
      expect(e.falsePositives.all.total).toBe(others);
      expect(rate(e.recall.all), e.missed.map((m) => m.text).join("\n")).toBeGreaterThanOrEqual(0.98);
      for (const lang of ["en", "pl", "ar"]) expect(rate(e.recall[lang]), lang).toBeGreaterThanOrEqual(0.96);
      expect(rate(e.falsePositives.all), e.flagged.map((m) => m.text).join("\n")).toBeLessThanOrEqual(0.05);
    },
  );
});

describe("the detector on the seventh held-out part (written blind, read once at the end of a session)", () => {
  // 300 messages (100 per language, each written on its own; 165 disclosures across all fourteen categories, 135
  // ordinary, at least 105 of them hard; 9 Arabic ones in Latin letters), written by a helper who never opened the
  // detector, its lists or any other part of the corpus. Read once, aggregate figures only, after the last change of
  // the session that lowered the threshold: the session's start (ec4a129) 132 of 165 (80.0%; English 45/55, Polish
  // 47/55, Arabic 40/55) and 14 of 135 (10.4%); its end 148 of 165 (89.7%; English 51/55, Polish 52/55, Arabic 45/55)
  // and 15 of 135 (11.1%). On 24 November, after the first six blind parts and batches 37-51 were trained on (no longer
  // a first reading; its aggregate figures were read after each batch): 154 of 165 (93.3%; English 53/55, Polish 53/55,
  // Arabic 48/55) and 12 of 135 (8.9%). On 25 November, after batches 52-61 and the new threshold and veto rule:
  // 161 of 165 (97.6%; English 55/55, Polish 54/55, Arabic 52/55) and 10 of 135 (7.4%); after the final review's
  // safety fixes (the veto barred from more matches): 162 of 165 (98.2%; 54, 54 and 54 of 55) and 12 of 135 (8.9%).
  // Then the English parser was made to read each message as if it were the first (wink-nlp had kept words it learnt
  // whole, so a figure depended on what was read before it) and the model retrained on what it now reads: 160 of 165
  // (97.0%; English 55/55, Polish 54/55, Arabic 51/55) and 11 of 135 (8.1%). Floors at that; never tune on it.
  blindPart("heldout7", {
    languages: { en: 100, pl: 100, ar: 100 },
    disclosures: 165,
    others: 135,
    recall: { all: 160 / 165, en: 55 / 55, pl: 54 / 55, ar: 51 / 55 },
    maxFalsePositives: 11 / 135,
  });
});

describe("the detector on the eighth held-out part (written blind, read once at the end of a session)", () => {
  // 300 messages (100 per language, each written on its own; 165 disclosures across all fourteen categories, 135
  // ordinary, 90 of them hard; 10 Arabic ones in Latin letters), written by a helper who never opened the detector,
  // its lists or any other part of the corpus, while batches 35-36 were read. Read once, aggregate figures only, after
  // the session's last change: the session's start (ec4a129) 145 of 165 (87.9%; English 48/55, Polish 51/55, Arabic
  // 46/55) and 10 of 135 (7.4%); its end 154 of 165 (93.3%; English 50/55, Polish 53/55, Arabic 51/55) and 11 of 135
  // (8.1%). Read again after the final review's fixes to the lists (no longer a first reading): the same. Floors at the
  // last. On 24 November, after the first six blind parts and batches 37-51 were trained on (read after each batch):
  // 161 of 165 (97.6%; English 53/55, Polish 54/55, Arabic 54/55) and 10 of 135 (7.4%); after the final review's fixes,
  // 161 and 11 of 135 (8.1%). On 25 November, after batches 52-61 and the new threshold and veto rule: 161 of 165
  // (English 53/55, Polish 54/55, Arabic 54/55) and 10 of 135 (7.4%); after the final review's safety fixes, 161 and
  // 11 of 135 (8.1%); with the parser reading each message as the first (see the seventh part), 161 and 10 of 135
  // (7.4%). Floors at that; never tune on it.
  blindPart("heldout8", {
    languages: { en: 100, pl: 100, ar: 100 },
    disclosures: 165,
    others: 135,
    recall: { all: 161 / 165, en: 53 / 55, pl: 54 / 55, ar: 54 / 55 },
    maxFalsePositives: 10 / 135,
  });
});

describe("the detector on the ninth and tenth held-out parts (written blind, read once at the end of a session)", () => {
  // 298 messages (165 disclosures across all fourteen categories, 55 per language; 133 ordinary, most of them hard;
  // disclosures hidden mid-way through consultation answers, minimised, in slang; a few Arabic in Latin letters),
  // written by a helper who never opened the detector, its lists or any other part of the corpus, on 24 November
  // while batches 37-51 were written. Two English ordinary rows that were word for word in dev.tsv were taken out
  // unread. Read once, aggregate figures only, after the session's last change to the detector, with its first and
  // last detectors: the session's start (dd98548) 149 of 165 (90.3%; English 53/55, Polish 51/55, Arabic 45/55) and
  // 14 of 133 (10.5%); its end 154 of 165 (93.3%; English 53/55, Polish 52/55, Arabic 49/55) and 14 of 133 (10.5%).
  // Read again after the session's final review: the same. On 25 November (aggregate figures read after each change,
  // so no longer a first reading), after batches 52-61 and the new threshold and veto rule: 158 of 165 (95.8%; English
  // 54/55, Polish 52/55, Arabic 52/55) and 12 of 133 (9.0%); after the final review's safety fixes, 159 of 165
  // (Arabic 53/55) and 13 of 133 (9.8%); with the parser reading each message as the first (see the seventh part),
  // 157 of 165 (95.2%; Arabic 51/55) and 13 of 133. Floors at that; never tune on it.
  blindPart("heldout9", {
    languages: { en: 98, pl: 100, ar: 100 },
    disclosures: 165,
    others: 133,
    recall: { all: 157 / 165, en: 54 / 55, pl: 52 / 55, ar: 51 / 55 },
    maxFalsePositives: 13 / 133,
  });
  // 299 messages (164 disclosures: younger children describing what happens, teenagers minimising, young people with
  // learning disabilities, parents writing about a child; 135 ordinary, half hard and half everyday consultation
  // answers), written at the same time by another helper under the same rules. One Polish disclosure that was word
  // for word in heldout-9.tsv was taken out unread. Read once, as above: the session's start (dd98548) 140 of 164
  // (85.4%; English 50/55, Polish 44/54, Arabic 46/55) and 15 of 135 (11.1%); its end 148 of 164 (90.2%; English
  // 53/55, Polish 47/54, Arabic 48/55) and 9 of 135 (6.7%). Read again after the session's final review (it removed
  // ordinary phrases that could hide disclosures, and the trained layer's threshold rule changed; no longer a first
  // reading): 150 of 164 (Arabic 50/55) and 9 of 135. On 25 November, after batches 52-61 and the new threshold and
  // veto rule: 155 of 164 (94.5%; English 53/55, Polish 51/54, Arabic 51/55) and 8 of 135 (5.9%); after the final
  // review's safety fixes, 155 and 9 of 135 (6.7%); the same with the parser reading each message as the first. Floors
  // at that.
  blindPart("heldout10", {
    languages: { en: 100, pl: 99, ar: 100 },
    disclosures: 164,
    others: 135,
    recall: { all: 155 / 164, en: 53 / 55, pl: 51 / 54, ar: 51 / 55 },
    maxFalsePositives: 9 / 135,
  });
});

describe("the detector on the eleventh and twelfth held-out parts (written blind, read once)", () => {
  // 299 messages (55 disclosures per language, every category at least three times in each; 134 ordinary, about half
  // plain answers and half hard ones; a broad mix of ages and of ways of writing, a few Arabic in Latin letters),
  // written on 25 November by a helper who never opened the detector, its lists or any other part of the corpus,
  // after the session's last change to the detector. One English ordinary row that was word for word in another part
  // was taken out unread. Read once, aggregate figures only: the session's start (49b74f0) 157 of 165 (95.2%; English
  // 54/55, Polish 54/55, Arabic 49/55) and 4 of 134 (3.0%); its end 161 of 165 (97.6%; English 55/55, Polish 55/55,
  // Arabic 51/55) and 3 of 134 (2.2%). Read again after the final review's safety fixes (a second reading): 162 of 165
  // (Arabic 52/55) and 4 of 134 (3.0%); the same with the parser reading each message as the first (see the seventh
  // part). Floors at that; never tune on it.
  blindPart("heldout11", {
    languages: { en: 99, pl: 100, ar: 100 },
    disclosures: 165,
    others: 134,
    recall: { all: 162 / 165, en: 55 / 55, pl: 55 / 55, ar: 52 / 55 },
    maxFalsePositives: 4 / 134,
  });
  // 300 messages written at the same time by another helper under the same rules, imagining writers unlike any before
  // (rural and town, children in care, disabled children, students at college, parents of toddlers and teenagers).
  // Read once, as above: the session's start 156 of 165 (94.5%; English 50/55, Polish 53/55, Arabic 53/55) and 11 of
  // 135 (8.1%); its end 162 of 165 (98.2%; English 53/55, Polish 55/55, Arabic 54/55) and 9 of 135 (6.7%). Read
  // again after the final review's safety fixes: 163 of 165 (English 54/55) and 10 of 135 (7.4%). With the parser
  // reading each message as the first (see the seventh part): 162 of 165 (98.2%; English 53/55) and 9 of 135 (6.7%).
  // Floors at that.
  blindPart("heldout12", {
    languages: { en: 100, pl: 100, ar: 100 },
    disclosures: 165,
    others: 135,
    recall: { all: 162 / 165, en: 53 / 55, pl: 55 / 55, ar: 54 / 55 },
    maxFalsePositives: 9 / 135,
  });
});

describe("the detector on the thirteenth held-out part (written blind, read once)", () => {
  // 299 messages (55 disclosures per language, every category at least three times in each; 134 ordinary, about half
  // plain answers and half hard ones; a broad mix of writers: ages 8-25, parents and carers, towns, villages and
  // estates, children in care, disabled young people, recent arrivals), written on 25 November by a helper who never
  // opened the detector, its lists or any other part of the corpus. One English ordinary row that was word for word in
  // another part was taken out unread. Read once, aggregate figures only, with the detector as committed (after the
  // parser was made to read each message as the first): 163 of 165 (98.8%; English 55/55, Polish 55/55, Arabic 53/55)
  // and 9 of 134 (6.7%; English 4/44, Polish 0/45, Arabic 5/45). Floors at that; never tune on it.
  blindPart("heldout13", {
    languages: { en: 99, pl: 100, ar: 100 },
    disclosures: 165,
    others: 134,
    recall: { all: 163 / 165, en: 55 / 55, pl: 55 / 55, ar: 53 / 55 },
    maxFalsePositives: 9 / 134,
  });
});

describe("the detector on plain everyday answers (written blind)", () => {
  // 599 ordinary answers (200 per language, less one English answer word for word in the seventh part; about 70%
  // plain, the rest with everyday words a crude filter misreads; a quarter from parents), written by a helper who never
  // opened the detector, to measure false alarms on the text most answers are, which the held-out parts (mostly hard
  // ordinary messages) do not. Read with the detector at the session's start (ec4a129): 12 of 600 flagged (2.0%); at
  // its end, after the threshold went to 0.75: 16 of 599 (2.7%). On 24 November, after batches 37-51 (read after each):
  // 12 of 599 (2.0%). On 25 November, after batches 52-61 and the new threshold and veto rule: 11 of 599 (1.8%);
  // after the final review's safety fixes, 12 of 599 (2.0%). Never tuned on.
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

  it("escalates at most 12 of the 599 (2.0%; goal: 3%)", () => {
    expect(e.falsePositives.all.total).toBe(599);
    // Failures name no message: nobody tunes on this part.
    expect(e.falsePositives.all.hit).toBeLessThanOrEqual(12);
  });
});

describe("the detector on the development corpus", () => {
  // Tuned and trained on, so these are not estimates of how it does on new words (the held-out part is): they are
  // floors so a change to the lists or the model cannot quietly lose what it was taught. Measured: every one of the
  // 1,557 disclosures escalated (English 542, Polish 348, Arabic 667) and none of the 1,265 ordinary and masking rows.
  // With batches 25-28 (25 November): all 2,127 (English 592, Polish 628, Arabic 907) and 2 of 1,715 others (0.1%).
  // With batches 29-30: all 2,427 (English 647, Polish 723, Arabic 1,057) and 2 of 1,935 others. With batch 31: all
  // 2,567 (Arabic 1,197) and 2 of 2,035. With batches 32-46 (24 November; 600 of them hard ordinary messages written
  // as near twins of disclosures, "I want to die... of laughter at the panto"): 4,668 of 4,672 (English 1,312 of
  // 1,312, Polish 1,497 of 1,498, Arabic 1,859 of 1,862) and 46 of 3,523 others (1.3%; English 20 of 1,040, 1.9%),
  // so the ceiling on the rest went from 1% to 2%. After the session's final review removed ordinary phrases that could
  // hide disclosures: 5,764 of 5,772 and 82 of 3,921 (2.1%; English 33 of 1,119, 2.9%), so the ceiling is 3%.
  // With batches 52-61 (25 November), the threshold and veto chosen by the new rule and the final review's fixes:
  // 7,417 of 7,426 and 83 of 5,110 (1.6%; English 38 of 1,463, 2.6%).
  it("escalates at least 99% of the development disclosures in each language, and at most 3% of the rest", () => {
    const e = evaluate(readCorpus("dev"));
    expect(e.recall.all.total).toBeGreaterThanOrEqual(4672);
    for (const lang of ["all", "en", "pl", "ar"]) {
      expect(rate(e.recall[lang]), `${lang}: ${e.missed.map((m) => m.text).join("\n")}`).toBeGreaterThanOrEqual(0.99);
      expect(rate(e.falsePositives[lang]), `${lang}: ${e.flagged.map((m) => m.text).join("\n")}`).toBeLessThanOrEqual(
        0.03,
      );
    }
    expect(e.recall.ar.total).toBeGreaterThanOrEqual(1862);
    expect(e.recall.pl.total).toBeGreaterThanOrEqual(1498);
    expect(e.recall.en.total).toBeGreaterThanOrEqual(1312);
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

describe("the model's veto over the built-in phrases", () => {
  // A veto of 1 overrules every match the model may overrule, whatever its score: what is left is what it never may.
  const overruling = { ...defaultModel, veto: 1 };

  it("turns a built-in phrase said of others into a notice for the moderator, not an escalation", () => {
    const text = "dad hits mum when he is drunk";
    expect(checkText(text).escalate).toBe(true);
    const r = checkText(text, { model: overruling });
    expect(r.escalate).toBe(false);
    expect(r.categories).toEqual([]);
    expect(r.flags).toContain("harm_words");
    expect(r.flags).not.toContain("harm");
    expect(r.overruled.map((m) => m.category)).toContain("domestic_abuse");
    expect(r.spans.map((x) => x.kind)).toContain("domestic_abuse");
  });

  it.each([
    "someone hurts me at the bus stop",
    "my uncle touches me when nobody is there",
    "ابوي يضربني كل يوم",
    "ojczym mnie bije",
    "the older boys hit us after school",
    "they beat us with a belt",
    "ابوي يضربنا كل يوم",
    "ojciec bije nas",
  ])("never overrules the words a child uses of themselves: %s", (text) => {
    const r = checkText(text, { model: overruling });
    expect(r.escalate).toBe(true);
    expect(r.overrulable).toBe(false);
    expect(r.flags).not.toContain("harm_words");
  });

  it.each([
    "my friend wants to kill herself",
    "my mate is going to kill himself",
    "she cuts herself in the toilets",
    "kolezanka chce sie zabic",
    "صاحبتي بدها تقتل حالها",
  ])("never overrules self-harm, said of anyone: %s", (text) => {
    expect(checkText(text, { model: overruling }).escalate).toBe(true);
  });

  it.each([
    "the park is fine but the older boys make the little ones carry drugs",
    "the park is fine but I have to carry drugs for the older boys",
    "الحديقه حلوه بس الشباب الكبار بخلوني ابيع مخدرات",
    "صاحبي بده ينتحر",
  ])("never overrules exploitation, sexual abuse or self-harm, said of anyone: %s", (text) => {
    const r = checkText(text, { model: overruling });
    expect(r.escalate).toBe(true);
    expect(r.overrulable).toBe(false);
  });

  it("escalates with the shipped model a phrase it may overrule but scores between its veto and its threshold", () => {
    const text = "dad hits mum when he is drunk";
    const r = checkText(text);
    expect(r.overrulable).toBe(true);
    expect(r.escalate).toBe(true);
    // The same words with a veto just above the text's own score are overruled: the score is read, not assumed.
    const p = classify({ ...defaultModel, threshold: 0 }, text)?.p ?? 0;
    expect(p).toBeGreaterThanOrEqual(defaultModel.veto ?? 0);
    expect(checkText(text, { model: { ...defaultModel, veto: p + 0.001 } }).escalate).toBe(false);
    expect(checkText(text, { model: { ...defaultModel, veto: Math.max(0, p - 0.001) } }).escalate).toBe(true);
  });

  it("never overrules a phrase an administrator added", () => {
    const text = "the blue kettle is on the table";
    expect(checkText(text).escalate).toBe(false);
    const lists = mergeLists({
      phrases: { en: { other_concern: [...(defaultLists.phrases.en.other_concern ?? []), "blue kettle"] } },
    });
    const r = checkText(text, { lists, model: overruling });
    expect(r.escalate).toBe(true);
    expect(r.categories).toEqual(["other_concern"]);
  });

  it("ships a veto chosen by the training script, below the threshold", () => {
    expect(defaultModel.veto).toBeGreaterThan(0);
    expect(defaultModel.veto).toBeLessThan(defaultModel.threshold);
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

describe("a message read on its own", () => {
  it("reads the same whatever was read before it (the English parser keeps no word it learnt)", () => {
    const probe = "my mum's boyfriend gets angry and I'm scared to go home";
    const words = (t: string) => englishTokens(t).map((x) => t.slice(x.start, x.end));
    const first = words(probe);
    const check = checkText(probe);
    expect(first.slice(0, 3)).toEqual(["my", "mum", "'s"]);
    // "mum's" beside a comma came in whole: wink-nlp 2.4 kept it, and read "mum's" whole ever after
    englishTokens("it was at my mum's, then we left");
    for (const m of readCorpus("dev").slice(0, 2000)) checkText(m.text);
    expect(words(probe)).toEqual(first);
    expect(checkText(probe)).toEqual(check);
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
    // two words, one of them common: a verb with "me" on its end is enough to read it as Arabic
    ["baba darabni", true],
    ["mama btedrabni", true],
    ["abouya byidrabni", true],
    ["my mama is funny", false],
    ["mama made pierogi, my granny is skinny", false],
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
