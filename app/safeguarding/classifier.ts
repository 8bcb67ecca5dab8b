import { englishTokens, foldArabic, mayBeEnglish, negationScope, plainTokens, type Token } from "./tokens";

/**
 * The broad layer under the phrase lists: a logistic regression over word lemmas (English), word stems (Polish,
 * Arabic) and pairs of neighbouring words, trained on the development corpus by `npm run safeguarding:train`
 * (scripts/safeguarding-train.ts, which also picks the threshold by cross-validation) and shipped as model.json.
 * Phrases catch what they foresaw precisely; this catches the indirect, misspelt and euphemistic ways of saying the
 * same things, since a person reads every escalation and ordinary text is pre-moderated anyway.
 */

export type Model = {
  bias: number;
  weights: Record<string, number>;
  threshold: number;
  /**
   * Below this probability the model overrules the built-in phrases and cues (never a self-harm phrase, never a phrase an
   * administrator added): the match becomes a notice for the moderator ("harm_words") instead of an escalation.
   * 0 or absent: phrases always escalate. Chosen with the threshold by `npm run safeguarding:train`.
   */
  veto?: number;
};

const LATIN = /\p{Script=Latin}/u;
const ARABIC = /\p{Script=Arabic}/u;

/** Pronouns that put the child in the sentence, kept as features of their own ("me" + "hit" weighs more). */
const FIRST_PERSON = new Set(["i", "me", "my", "myself", "mine", "ja", "mnie", "mi", "moj", "moja", "moje", "mna"]);

function enWord(tk: Token) {
  return tk.forms[tk.forms.length - 1] ?? tk.forms[0];
}

function plWord(tk: Token) {
  const w = tk.forms[0];
  return w.length > 5 ? w.slice(0, 5) : w;
}

function arWord(tk: Token) {
  // The shortest form is the word without the particles joined to its front; four letters hold most roots.
  let w = tk.forms[0];
  for (const f of tk.forms) if (f.length < w.length) w = f;
  return w.length > 4 ? w.slice(0, 4) : w;
}

/**
 * Concepts: words that mean much the same to a reader of disclosures, so a synonym the corpus never used ("vanished"
 * for "disappear") still carries the weight its concept learned. Matched on the feature word's start.
 */
const CONCEPTS: Record<string, string[]> = {
  end: [
    "kill",
    "hang",
    "jump",
    "overdose",
    "zabic",
    "zabij",
    "powies",
    "skocz",
    "pozeg",
    "nieist",
    "انتحر",
    "اقتل",
    "نقتل",
    "اذبح",
    "اختفي",
    "اطفر",
    "انط",
    "اقفز",
    "mawt",
    "mout",
    "amout",
    "enta7",
    "2atel",
    "a2tol",
    "die",
    "dead",
    "death",
    "vanish",
    "disappear",
    "gone",
    "suicid",
    "overdos",
    "tablet",
    "pill",
    "paracet",
    "bridge",
    "noose",
    "rope",
    "goodbye",
    "wake",
    "exist",
    "alive",
    "znik",
    "umr",
    "umier",
    "smier",
    "tablet",
    "lek",
    "most",
    "zegn",
    "اموت",
    "موت",
    "اختف",
    "حبوب",
    "دواء",
    "انتح",
    "الجس",
    "جسر",
    "اعيش",
  ],
  injury: [
    "slap",
    "punch",
    "kick",
    "shove",
    "push",
    "strangle",
    "throttle",
    "batter",
    "whack",
    "thump",
    "smack",
    "drag",
    "pull",
    "hair",
    "scar",
    "mark",
    "sore",
    "limp",
    "flinch",
    "bleed",
    "lanie",
    "lani",
    "lal",
    "leje",
    "tlu",
    "szarp",
    "dusi",
    "popch",
    "pchn",
    "waln",
    "przyw",
    "kopa",
    "kopi",
    "slad",
    "blizn",
    "krwaw",
    "oparz",
    "przyp",
    "ciagn",
    "rzuci",
    "zadrap",
    "لبط",
    "رفس",
    "صفع",
    "لطم",
    "خنق",
    "دفش",
    "شلوت",
    "بوكس",
    "كفوف",
    "عنف",
    "مزرق",
    "ازرق",
    "زرقا",
    "نزف",
    "ورم",
    "متور",
    "اثار",
    "علام",
    "جروح",
    "يوجع",
    "وجعن",
    "اذان",
    "اذاني",
    "يؤذ",
    "يوذ",
    "darab",
    "drab",
    "bedro",
    "yedro",
    "yidro",
    "drob",
    "azra2",
    "7ara2",
    "jar7",
    "cut",
    "blade",
    "razor",
    "scar",
    "bleed",
    "blood",
    "burn",
    "bruise",
    "mark",
    "lip",
    "swollen",
    "broken",
    "belt",
    "cable",
    "slap",
    "punch",
    "kick",
    "hit",
    "beat",
    "choke",
    "strangl",
    "grab",
    "throw",
    "krew",
    "siniak",
    "pobi",
    "bije",
    "bil",
    "uderz",
    "kopn",
    "skop",
    "tnie",
    "cieci",
    "ضرب",
    "يضرب",
    "كدم",
    "دم",
    "حرق",
    "يحرق",
    "جرح",
  ],
  body: [
    "touch",
    "privates",
    "bottom",
    "chest",
    "undress",
    "naked",
    "lap",
    "cuddle",
    "dotkn",
    "dotyk",
    "macal",
    "maca",
    "piers",
    "pupe",
    "tylek",
    "krocz",
    "kolan",
    "przytu",
    "rozbi",
    "lazie",
    "przebi",
    "يلمس",
    "لمسن",
    "حضن",
    "بوس",
    "يبوس",
    "صدر",
    "جسم",
    "ملابس",
    "غرف",
    "حمام",
    "lamas",
    "yelme",
    "7odn",
    "clothes",
    "naked",
    "nude",
    "undress",
    "touch",
    "bed",
    "shower",
    "bath",
    "kiss",
    "massage",
    "privat",
    "rozbier",
    "nag",
    "dotyk",
    "lozk",
    "prysz",
    "يلمس",
    "لمس",
    "ملاب",
    "سرير",
    "عاري",
    "صور",
  ],
  adult: [
    "stepfather",
    "teacher",
    "tutor",
    "cousin",
    "grandad",
    "grandpa",
    "owner",
    "boss",
    "gang",
    "trener",
    "nauczy",
    "kuzyn",
    "dziad",
    "szef",
    "ziomk",
    "typ",
    "gosc",
    "sasiad",
    "زلم",
    "راجل",
    "شب",
    "زول",
    "الراجل",
    "عمو",
    "خالو",
    "مدرب",
    "استاذ",
    "معلم",
    "كوتش",
    "سواق",
    "baba",
    "mama",
    "ahli",
    "3amo",
    "khalo",
    "man",
    "men",
    "dad",
    "mum",
    "stepdad",
    "stepmum",
    "uncle",
    "babysit",
    "coach",
    "boyfriend",
    "partner",
    "lodger",
    "neighbour",
    "stranger",
    "older",
    "guy",
    "tata",
    "ojcie",
    "ojczy",
    "mama",
    "wujek",
    "facet",
    "pan",
    "sasia",
    "رجل",
    "ابي",
    "امي",
    "زوج",
    "عمي",
    "خالي",
    "غريب",
    "جار",
  ],
  online: [
    "follow",
    "dm",
    "sext",
    "nudes",
    "nude",
    "pics",
    "stream",
    "account",
    "fortnite",
    "minecraft",
    "whatsapp",
    "telegram",
    "filmik",
    "fotk",
    "nagra",
    "kamer",
    "konto",
    "snapa",
    "insta",
    "انستا",
    "سناب",
    "تيك",
    "ديسكو",
    "فيديو",
    "كاميرا",
    "حساب",
    "صوري",
    "صورت",
    "sowar",
    "swar",
    "sora",
    "discord",
    "snap",
    "online",
    "insta",
    "tiktok",
    "roblox",
    "game",
    "video",
    "call",
    "webcam",
    "camera",
    "pic",
    "photo",
    "message",
    "dm",
    "chat",
    "internet",
    "zdjec",
    "gra",
    "انترن",
    "الانت",
    "صور",
    "رسال",
  ],
  want_none: [
    "dinner",
    "lunch",
    "breakfast",
    "fridge",
    "empty",
    "mould",
    "damp",
    "mice",
    "nappy",
    "doctor",
    "dentist",
    "sniad",
    "obiad",
    "kolac",
    "lodowk",
    "plesn",
    "lekarz",
    "dentys",
    "goracz",
    "brud",
    "buty",
    "kurtk",
    "ثلاج",
    "فطور",
    "دكتور",
    "طبيب",
    "جزم",
    "صباط",
    "شبشب",
    "بطاني",
    "jou3",
    "ju3an",
    "joo3",
    "food",
    "eat",
    "hungry",
    "starv",
    "cereal",
    "feed",
    "cold",
    "freez",
    "heating",
    "electric",
    "coat",
    "shoes",
    "dirty",
    "smell",
    "jedz",
    "glod",
    "zimn",
    "karmi",
    "طعام",
    "اكل",
    "جوع",
    "جائع",
    "برد",
    "اطعم",
  ],
  fear: [
    "terrified",
    "dread",
    "shaking",
    "shake",
    "nervous",
    "uncomfortable",
    "creepy",
    "boje",
    "wystrasz",
    "przestr",
    "strasz",
    "trzes",
    "niepok",
    "بخاف",
    "نخاف",
    "يخوف",
    "مرعوب",
    "رعب",
    "اترعب",
    "متوتر",
    "اتوتر",
    "بتوتر",
    "5ayf",
    "5ayef",
    "khayf",
    "khayef",
    "scared",
    "afraid",
    "terrif",
    "frighten",
    "unsafe",
    "panic",
    "nightmare",
    "worried",
    "boj",
    "strach",
    "przeraz",
    "اخاف",
    "خايف",
    "خائف",
    "خوف",
  ],
  secret: [
    "promise",
    "private",
    "trouble",
    "believe",
    "obieca",
    "uwierz",
    "klopo",
    "سرن",
    "سري",
    "وعد",
    "يصدق",
    "مشكل",
    "ye7ki",
    "e7ki",
    "secret",
    "tell",
    "anyone",
    "nobody",
    "hide",
    "sekret",
    "tajemn",
    "nikt",
    "nikomu",
    "سر",
    "احد",
    "تخبر",
  ],
  money: [
    "gift",
    "present",
    "trainers",
    "favour",
    "deal",
    "sell",
    "shift",
    "towns",
    "prezen",
    "przysl",
    "sprzed",
    "towar",
    "torb",
    "hajs",
    "kasa",
    "kase",
    "kasy",
    "هدي",
    "هدايا",
    "فلوس",
    "قروش",
    "مصاري",
    "شنط",
    "بضاع",
    "حشيش",
    "يبيع",
    "يوصل",
    "madyo",
    "dayen",
    "shanta",
    "flous",
    "masari",
    "owe",
    "debt",
    "pay",
    "money",
    "cash",
    "deliver",
    "package",
    "bag",
    "drop",
    "run",
    "county",
    "weed",
    "vape",
    "dlug",
    "pieniad",
    "paczk",
    "dostarcz",
    "مدين",
    "دين",
    "مال",
    "اوصل",
    "اكياس",
  ],
  away: [
    "run",
    "thrown",
    "ucie",
    "nocow",
    "dwor",
    "ulic",
    "wynos",
    "wygon",
    "الشارع",
    "شارع",
    "اهرب",
    "هرب",
    "طردن",
    "يطرد",
    "جرات",
    "sakkaro",
    "ahrob",
    "out",
    "away",
    "leave",
    "street",
    "stairwell",
    "sofa",
    "rough",
    "kick",
    "lock",
    "kept",
    "allowed",
    "permission",
    "trap",
    "ucie",
    "wyrzuc",
    "zamk",
    "pozwol",
    "يحبس",
    "اخرج",
    "يسمح",
    "طرد",
  ],
  alone: [
    "alone",
    "myself",
    "left",
    "sam",
    "sama",
    "sami",
    "samy",
    "samo",
    "zostaw",
    "وحد",
    "لوحد",
    "بروح",
    "لحال",
    "بوحد",
    "wa7di",
    "lawa7di",
    "la7ali",
  ],
  drink: [
    "drunk",
    "drink",
    "alcohol",
    "beer",
    "vodka",
    "wine",
    "drug",
    "stoned",
    "pijan",
    "pije",
    "pila",
    "wodk",
    "piwo",
    "alkoh",
    "nacpa",
    "سكران",
    "سكر",
    "خمر",
    "كحول",
    "بيره",
    "عرق",
    "مخدر",
    "يشرب",
    "sakran",
    "skran",
  ],
  police: ["police", "social", "court", "policj", "kurator", "شرط", "بوليس", "محكم", "اخصائي"],
  knife: [
    "knife",
    "blade",
    "machete",
    "weapon",
    "gun",
    "acid",
    "noz",
    "nozem",
    "noza",
    "ostrz",
    "maczet",
    "kwas",
    "سكين",
    "سچين",
    "سلاح",
    "مسدس",
    "شفر",
    "sekk",
    "sikk",
  ],
};
// Arabic entries folded as the feature words are ("ثلاج" is read "تلاج").
const FOLDED_CONCEPTS = Object.entries(CONCEPTS).map(
  ([c, starts]) => [c, starts.map((x) => (ARABIC.test(x) ? foldArabic(x) : x))] as const,
);
const conceptOf = new Map<string, string[]>();
function concepts(word: string): string[] {
  const hit = conceptOf.get(word);
  if (hit) return hit;
  const out: string[] = [];
  // Polish and Arabic feature words are cut short (five and four letters), so an entry longer than the word matches
  // when it starts with the word ("sinia" from "siniaki" is "siniak").
  const cut = word.length >= 4;
  for (const [c, starts] of FOLDED_CONCEPTS)
    if (starts.some((x) => word.startsWith(x) || (cut && x.startsWith(word)))) out.push(c);
  if (conceptOf.size < 50000) conceptOf.set(word, out);
  return out;
}

/**
 * Words, their concepts and pairs of neighbours. A word under a negation is a different word ("!hit"): "he never
 * hit me" and "ما يضربني" must not weigh what "he hit me" does, and its concept is not counted.
 */
function addSeq(out: Set<string>, prefix: string, words: string[], negated?: boolean[]) {
  for (let i = 0; i < words.length; i++) {
    const w = negated?.[i] ? `!${words[i]}` : words[i];
    out.add(`${prefix}${w}`);
    if (!negated?.[i]) for (const c of concepts(words[i])) out.add(`c:${c}`);
    if (i + 1 < words.length) out.add(`${prefix}${w}_${negated?.[i + 1] ? "!" : ""}${words[i + 1]}`);
  }
}

/** Groups tokens by sentence, in order. */
function bySentence(tokens: Token[]) {
  const out = new Map<number, Token[]>();
  for (const tk of tokens) {
    const list = out.get(tk.sentence);
    if (list) list.push(tk);
    else out.set(tk.sentence, [tk]);
  }
  return out;
}

export type Unit = { start: number; end: number; features: Set<string> };

/**
 * The text cut into what is scored: each sentence, and each sentence with the next (a disclosure often runs over
 * two: "he comes in at night. I'm scared"). English tokens and plain tokens share the cleaned text's offsets.
 */
export function units(text: string, en?: Token[], plain?: Token[]): Unit[] {
  const hasLatin = LATIN.test(text);
  const hasArabic = ARABIC.test(text);
  const enTokens = en ?? (hasLatin && mayBeEnglish(text) ? englishTokens(text) : []);
  const plainAll = plain ?? plainTokens(text);
  const sentences: { start: number; end: number; features: Set<string> }[] = [];
  // Sentence numbers differ a little between the two tokenisers, so sentences are cut on the plain tokens and
  // English words are placed in them by offset.
  const plainSentences = [...bySentence(plainAll).values()];
  // English tokens come in text order, as sentences do: one pass places them (a filter per sentence was quadratic on a
  // message of a thousand short sentences).
  let next = 0;
  for (const words of plainSentences) {
    const start = words[0].start;
    const end = words[words.length - 1].end;
    const features = new Set<string>();
    while (next < enTokens.length && enTokens[next].start < start) next++;
    if (hasLatin) {
      const ens: Token[] = [];
      for (let k = next; k < enTokens.length && enTokens[k].start < end; k++)
        if (enTokens[k].end <= end) ens.push(enTokens[k]);
      addSeq(features, "e:", ens.map(enWord), negationScope("en", ens));
      if (ens.some((tk) => tk.forms.some((f) => FIRST_PERSON.has(f)))) features.add("e:#me");
      const latin = words.filter((tk) => LATIN.test(tk.value));
      addSeq(features, "p:", latin.map(plWord), negationScope("pl", latin));
    }
    if (hasArabic) {
      const arabic = words.filter((tk) => ARABIC.test(tk.value));
      addSeq(features, "a:", arabic.map(arWord), negationScope("ar", arabic));
    }
    sentences.push({ start, end, features });
  }
  const out: Unit[] = [...sentences];
  for (let i = 0; i + 1 < sentences.length; i++) {
    out.push({
      start: sentences[i].start,
      end: sentences[i + 1].end,
      features: new Set([...sentences[i].features, ...sentences[i + 1].features]),
    });
  }
  return out;
}

/** Every feature of a whole text, for training: the same words a sentence unit would see. */
export function textFeatures(text: string): Set<string> {
  const all = new Set<string>();
  for (const u of units(text)) for (const f of u.features) all.add(f);
  return all;
}

export function score(model: Pick<Model, "bias" | "weights">, features: Set<string>) {
  let z = model.bias;
  // Own keys only: "constructor" and "__proto__" are words a child may write.
  for (const f of features) if (Object.hasOwn(model.weights, f)) z += model.weights[f];
  return 1 / (1 + Math.exp(-z));
}

/** The unit most likely to be a disclosure, if any reaches the model's threshold. */
export function classify(model: Model, text: string, en?: Token[], plain?: Token[], skip?: (unit: Unit) => boolean) {
  let best: (Unit & { p: number }) | null = null;
  for (const u of units(text, en, plain)) {
    if (skip?.(u)) continue;
    const p = score(model, u.features);
    if (p >= model.threshold && (!best || p > best.p)) best = { ...u, p };
  }
  return best;
}

/** Trains the model: L2-regularised logistic regression by stochastic gradient descent, deterministic order. */
export function train(
  examples: { features: Set<string>; label: 0 | 1 }[],
  options: { epochs?: number; rate?: number; l2?: number; positiveWeight?: number } = {},
): Pick<Model, "bias" | "weights"> {
  const { epochs = 30, rate = 0.3, l2 = 0.002, positiveWeight = 1.5 } = options;
  const weights: Record<string, number> = Object.create(null);
  let bias = 0;
  // A fixed shuffle (a linear congruential sequence) so the same corpus gives the same model every time.
  let seed = 12345;
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const j = seed % (i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const step = rate / (1 + epoch * 0.1);
    for (const k of order) {
      const { features, label } = examples[k];
      const p = score({ bias, weights }, features);
      const g = (label - p) * (label ? positiveWeight : 1);
      bias += step * g;
      for (const f of features) {
        const w = weights[f] ?? 0;
        weights[f] = w + step * (g - l2 * w);
      }
    }
  }
  for (const f of Object.keys(weights)) {
    weights[f] = Math.round(weights[f] * 1000) / 1000;
    if (weights[f] === 0) delete weights[f];
  }
  return { bias: Math.round(bias * 1000) / 1000, weights };
}
