/**
 * Prints, as JSON, the evaluation corpus scored with the built-in lists and with an override laid over them, using
 * the app's own code. The e2e suite runs it through tsx (Playwright's loader cannot import the detector's model.json).
 * Usage: tsx tests/support/corpus-effect.ts '<ListsOverride as JSON>'; a phrase list starting with "@builtin" is the
 * built-in list with the rest added.
 */
import { readParts, settingsParts } from "../../app/safeguarding/corpus.server";
import { type Evaluation, evaluate } from "../../app/safeguarding/evaluate";
import { type Category, defaultLists, type Lang, type ListsOverride, mergeLists } from "../../app/safeguarding/index";

const override: ListsOverride = JSON.parse(process.argv[2] ?? "{}");
for (const [lang, byCategory] of Object.entries(override.phrases ?? {}) as [Lang, Record<Category, string[]>][])
  for (const [category, list] of Object.entries(byCategory) as [Category, string[]][])
    if (list[0] === "@builtin")
      byCategory[category] = [...(defaultLists.phrases[lang][category] ?? []), ...list.slice(1)];
const proposed = mergeLists(override);
const out = Object.fromEntries(
  (["dev", "heldout"] as const).map((part) => {
    const entries = readParts(settingsParts[part]);
    const escalated = (e: Evaluation) => {
      const missed = new Set(e.missed);
      const flagged = new Set(e.flagged);
      return new Set(entries.filter((x) => (x.label === "escalate" ? !missed.has(x) : flagged.has(x))));
    };
    const now = evaluate(entries, defaultLists);
    const then = evaluate(entries, proposed);
    const a = escalated(now);
    const b = escalated(then);
    return [
      part,
      {
        current: { recall: now.recall, falsePositives: now.falsePositives },
        proposed: { recall: then.recall, falsePositives: then.falsePositives },
        up: entries.filter((x) => b.has(x) && !a.has(x)).length,
        down: entries.filter((x) => a.has(x) && !b.has(x)).length,
        changed: entries.filter((x) => a.has(x) !== b.has(x)).map((x) => x.text),
      },
    ];
  }),
);
process.stdout.write(JSON.stringify({ ...out, builtIn: [...new Set(defaultLists.phrases.en.bullying_threats ?? [])] }));
