/**
 * Puts every top-level section of the locale files into the file of its namespace (app/i18n/namespaces.ts).
 *
 *   npm run i18n:split                 move sections still in common.json into participant.json / staff.json
 *   npm run i18n:split -- --from REF   also bring in the key changes REF made since it forked (3-way, key by key),
 *                                      wherever REF keeps them (its common.json or its namespace files)
 *
 * For merging a branch written before the split, when its locale files conflict: keep the split side's files
 * (`git checkout --ours public/locales`, or `--theirs` when merging the i18next branch itself), `git add` them, then
 * `npm run i18n:split -- --from REF` for each branch whose locale changes were set aside. The base defaults to where
 * REF forked from the split's history; `--base COMMIT` overrides it.
 * A key both sides changed differently is reported and ours is kept. A section no namespace lists is left in
 * common.json and the script exits 1: add it to one list in app/i18n/namespaces.ts and run it again.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { languages } from "../app/i18n/index";
import { type Namespace, namespaceOf, namespaces } from "../app/i18n/namespaces";

type Tree = { [key: string]: string | Tree };
const ROOT = path.resolve(import.meta.dirname, "..");
const fileOf = (lang: string, ns: string) => `public/locales/${lang}/${ns}.json`;

function flatten(tree: Tree, prefix = "", out = new Map<string, string>()) {
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else flatten(value, full, out);
  }
  return out;
}

function unflatten(flat: Map<string, string>) {
  const tree: Tree = {};
  for (const [key, value] of flat) {
    const parts = key.split(".");
    let node = tree;
    for (const part of parts.slice(0, -1)) {
      if (typeof node[part] !== "object") node[part] = {};
      node = node[part] as Tree;
    }
    node[parts[parts.length - 1]] = value;
  }
  return tree;
}

/** Every key of a language, from all of its files (common.json first), as one flat map. */
function readAll(read: (file: string) => string | undefined, lang: string) {
  const flat = new Map<string, string>();
  for (const ns of ["common", ...namespaces.filter((n) => n !== "common")]) {
    const text = read(fileOf(lang, ns));
    if (text) for (const [key, value] of flatten(JSON.parse(text))) if (!flat.has(key)) flat.set(key, value);
  }
  return flat;
}

const fromDisk = (file: string) => {
  const full = path.join(ROOT, file);
  return fs.existsSync(full) ? fs.readFileSync(full, "utf8") : undefined;
};
const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: "pipe" }).trim();
const fromRef = (ref: string) => (file: string) => {
  try {
    return git("show", `${ref}:${file}`);
  } catch {
    return undefined;
  }
};

const fromIndex = process.argv.indexOf("--from");
const ref = fromIndex > 0 ? process.argv[fromIndex + 1] : undefined;
if (fromIndex > 0 && !ref) throw new Error("--from needs a branch or commit");
const baseIndex = process.argv.indexOf("--base");
/**
 * What REF changed is measured from where it forked from the history that split the files (the commit that added
 * staff.json, looked for in HEAD and in a merge under way), so it works whether REF was merged before or after.
 */
function forkPoint(branch: string) {
  const heads = ["HEAD"];
  try {
    heads.push(git("rev-parse", "-q", "--verify", "MERGE_HEAD"));
  } catch {}
  const added = git("log", "--format=%H", "--diff-filter=A", ...heads, "--", "public/locales/en/staff.json")
    .split("\n")
    .filter(Boolean);
  return git("merge-base", added.at(-1) ?? "HEAD", branch);
}
const base = ref ? (baseIndex > 0 ? process.argv[baseIndex + 1] : forkPoint(ref)) : undefined;

let conflicts = 0;
const unmapped = new Set<string>();
for (const lang of languages) {
  const current = readAll(fromDisk, lang);
  if (ref && base) {
    const theirs = readAll(fromRef(ref), lang);
    const before = readAll(fromRef(base), lang);
    for (const key of new Set([...theirs.keys(), ...before.keys()])) {
      const was = before.get(key);
      const now = theirs.get(key);
      if (now === was) continue;
      const ours = current.get(key);
      if (ours === was || ours === now) {
        if (now === undefined) current.delete(key);
        else current.set(key, now);
      } else {
        conflicts++;
        console.error(
          `${lang} ${key}: changed on both sides; kept ours ${JSON.stringify(ours)}, theirs was ${JSON.stringify(now)}`,
        );
      }
    }
  }
  const files = Object.fromEntries(namespaces.map((ns) => [ns, new Map<string, string>()])) as Record<
    Namespace,
    Map<string, string>
  >;
  for (const [key, value] of current) {
    const section = key.split(".")[0];
    const ns = namespaceOf(section);
    if (!ns) unmapped.add(section);
    files[ns ?? "common"].set(key, value);
  }
  for (const ns of namespaces) {
    fs.writeFileSync(path.join(ROOT, fileOf(lang, ns)), `${JSON.stringify(unflatten(files[ns]), null, 2)}\n`);
  }
}
if (unmapped.size) {
  console.error(
    `Sections in no namespace (left in common.json): ${[...unmapped].join(", ")}. Add each to one list in app/i18n/namespaces.ts.`,
  );
}
console.log(
  `locale files written${ref ? ` with ${ref}'s changes since ${base?.slice(0, 8)}` : ""}; ${conflicts} conflicts`,
);
process.exit(unmapped.size || conflicts ? 1 : 0);
