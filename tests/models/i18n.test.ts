import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import i18next from "i18next";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { addFormatters, baseOptions, languages, type Messages } from "~/i18n";
import { getT, pageResources, pageResourcesJson, resources, stringsFile, stringsFileNamed } from "~/i18n/i18n.server";
import { compareWithEnglish, flatKeys, keyForms, misplacedSections } from "~/i18n/keys";
import { namespaceOf, namespaceSections, namespaces, namespacesFor } from "~/i18n/namespaces";
import { I18nProvider, stringsKey, useTranslation } from "~/i18n/react";
import { loader as stringsLoader } from "~/routes/public/i18n-strings";
import { checkLocales } from "../../scripts/i18n-check";

const localeDir = path.resolve(import.meta.dirname, "../../public/locales");
const readFile = (lang: string, ns: string): Messages =>
  JSON.parse(fs.readFileSync(path.join(localeDir, lang, `${ns}.json`), "utf8"));

describe("plurals, by each language's own rules", () => {
  it("Polish chooses one, few and many", () => {
    const t = getT("pl");
    expect([1, 2, 4, 5, 12, 22, 25, 101].map((count) => t("consultation.questionCount", { count }))).toEqual([
      "1 pytanie",
      "2 pytania",
      "4 pytania",
      "5 pytań",
      "12 pytań",
      "22 pytania",
      "25 pytań",
      "101 pytań",
    ]);
  });

  it("Arabic chooses zero, one, two, few, many and other", () => {
    const i18n = i18next.createInstance();
    i18n.init({
      ...baseOptions,
      lng: "ar",
      fallbackLng: "en",
      resources: {
        ar: {
          common: {
            q_zero: "لا أسئلة",
            q_one: "سؤال واحد",
            q_two: "سؤالان",
            q_few: "{{count}} أسئلة",
            q_many: "{{count}} سؤالًا",
            q_other: "{{count}} سؤال",
          },
        },
      },
    });
    expect([0, 1, 2, 3, 10, 11, 99, 100].map((count) => i18n.t("q", { count }))).toEqual([
      "لا أسئلة",
      "سؤال واحد",
      "سؤالان",
      "3 أسئلة",
      "10 أسئلة",
      "11 سؤالًا",
      "99 سؤالًا",
      "100 سؤال",
    ]);
    expect(getT("ar")("consultation.questionCount", { count: 4 })).toBe("4 أسئلة");
  });

  it("English has one and other", () => {
    const t = getT("en");
    expect(t("consultation.questionCount", { count: 1 })).toBe("1 question");
    expect(t("consultation.questionCount", { count: 0 })).toBe("0 questions");
  });
});

describe("interpolation through Intl", () => {
  const i18n = i18next.createInstance();
  i18n.init({
    ...baseOptions,
    lng: "en",
    resources: {
      en: { common: { n: "{{n, number}} answers", day: "Closes {{day, date}}", at: "{{at, datetime}}" } },
      pl: { common: { n: "{{n, number}} odpowiedzi", day: "Koniec {{day, date}}" } },
      ar: { common: { n: "{{n, number}} إجابة" } },
    },
  });
  addFormatters(i18n);

  it("formats numbers in the page's language, with the service's 0–9 digits in Arabic", () => {
    expect(i18n.t("n", { n: 12345 })).toBe("12,345 answers");
    expect(i18n.t("n", { n: 12345, lng: "pl" })).toBe("12\u00a0345 odpowiedzi");
    expect(i18n.t("n", { n: 12345, lng: "ar" })).toBe("12,345 إجابة");
  });

  it("shows dates in Europe/London, whatever the server's zone", () => {
    // 23:30 UTC on 29 March 2026 is already 30 March in London (summer time began that morning).
    expect(i18n.t("day", { day: "2026-03-29T23:30:00Z" })).toBe("Closes 30 March 2026");
    // A date without a time is that day, not the day before.
    expect(i18n.t("day", { day: "2026-11-22" })).toBe("Closes 22 November 2026");
    expect(i18n.t("day", { day: new Date("2026-11-22T23:59:00Z"), lng: "pl" })).toBe("Koniec 22 listopada 2026");
    expect(i18n.t("at", { at: "2026-07-01T08:05:00Z" })).toBe("1 July 2026 at 09:05");
  });
});

describe("falling back to English", () => {
  it("gives the English wording for a key the language lacks, and the key itself for one nobody has", () => {
    const i18n = i18next.createInstance();
    i18n.init({
      ...baseOptions,
      lng: "pl",
      fallbackLng: "en",
      resources: { en: { staff: { only: { here: "English only" } } }, pl: { common: {} } },
    });
    expect(i18n.t("only.here")).toBe("English only");
    expect(i18n.t("no.such.key")).toBe("no.such.key");
  });

  it("a server-made string finds keys in any namespace without naming it", () => {
    const t = getT("en");
    expect(t("layout.siteName")).toBe("Sounding Board");
    expect(t("signIn.title")).toBe("Staff sign in");
    expect(getT(new Request("http://x/", { headers: { "accept-language": "pl-PL,en;q=0.5" } }))("signIn.title")).toBe(
      readFile("pl", "staff").signIn && (readFile("pl", "staff").signIn as Messages).title,
    );
  });
});

describe("namespaces", () => {
  it("every section of every file is in exactly one namespace, and in that namespace's file", () => {
    const listed = namespaces.flatMap((ns) => [...namespaceSections[ns]]);
    expect(new Set(listed).size).toBe(listed.length);
    for (const lang of languages) {
      const files = Object.fromEntries(namespaces.map((ns) => [ns, readFile(lang, ns)]));
      expect(misplacedSections(files)).toEqual([]);
      for (const ns of namespaces) for (const section of Object.keys(files[ns])) expect(namespaceOf(section)).toBe(ns);
    }
    // No stray locale file outside the namespaces.
    for (const lang of languages)
      expect(fs.readdirSync(path.join(localeDir, lang)).sort()).toEqual(namespaces.map((ns) => `${ns}.json`).sort());
  });

  it("English, Polish and Arabic have the same keys, each plural with every form its grammar needs", () => {
    for (const lang of ["pl", "ar"]) {
      for (const ns of namespaces)
        expect(compareWithEnglish(lang, readFile("en", ns), readFile(lang, ns), ns)).toEqual([]);
    }
    for (const ns of namespaces) {
      expect([...keyForms(readFile("pl", ns)).keys()].sort()).toEqual([...keyForms(readFile("en", ns)).keys()].sort());
      expect([...keyForms(readFile("ar", ns)).keys()].sort()).toEqual([...keyForms(readFile("en", ns)).keys()].sort());
    }
  });

  it("the comparison notices a missing key and a missing plural form", () => {
    const en = { a: { b: "B", n_one: "{{count}} thing", n_other: "{{count}} things" } };
    expect(compareWithEnglish("pl", en, { a: { n_one: "1", n_few: "2", n_many: "5", n_other: "x" } }, "f")).toEqual([
      "f: pl lacks a.b",
    ]);
    expect(compareWithEnglish("pl", en, { a: { b: "B", n_one: "1", n_other: "x" } }, "f")).toEqual([
      "f: pl a.n lacks plural forms few, many",
    ]);
    expect(misplacedSections({ common: { staff: {} }, participant: {}, staff: { staff: {}, mystery: {} } })).toEqual([
      "section staff is in common.json but belongs in staff.json",
      "section staff is in both common.json and staff.json",
      "section mystery (in staff.json) is in no namespace list in app/i18n/namespaces.ts",
    ]);
  });

  it("a participant page is sent no staff wording; a staff page gets all of it", () => {
    expect(namespacesFor("/consultations/some-slug/q/1")).toEqual(["common", "participant"]);
    expect(Object.keys(pageResources("pl", namespacesFor("/")))).toEqual(["common", "participant"]);
    expect(namespacesFor("/staff/consultations")).toEqual(["common", "participant", "staff"]);
    expect(flatKeys(resources.en.staff).length).toBeGreaterThan(100);
  });
});

describe("in React", () => {
  function Probe() {
    const { t, lang } = useTranslation();
    return createElement(
      "p",
      null,
      `${lang}|${t("layout.siteName")}|${t("consultation.questionCount", { count: 5 })}|${t("signIn.title")}`,
    );
  }

  const render = (pathname: string) =>
    renderToString(
      createElement(
        I18nProvider,
        { lang: "pl", namespaces: namespacesFor(pathname), strings: pageResourcesJson("pl", namespacesFor(pathname)) },
        createElement(Probe),
      ),
    );

  it("a staff page has every namespace; a participant page rendered after it still has only its own", () => {
    const plName = (resources.pl.common.layout as Messages).siteName;
    const plSignIn = (resources.pl.staff.signIn as Messages).title;
    expect(render("/staff")).toBe(`<p>pl|${plName}|5 pytań|${plSignIn}</p>`);
    expect(render("/consultations")).toBe(`<p>pl|${plName}|5 pytań|signIn.title</p>`);
  });

  it("useTranslation() gives the page's language and t over the namespaces it was sent", () => {
    const html = renderToString(
      createElement(
        I18nProvider,
        {
          lang: "pl",
          namespaces: namespacesFor("/consultations"),
          strings: pageResourcesJson("pl", namespacesFor("/consultations")),
        },
        createElement(Probe),
      ),
    );
    const plName = (resources.pl.common.layout as Messages).siteName;
    // A participant page was not sent `staff`, so a staff key shows as the key (the locale check keeps code honest).
    expect(html).toBe(`<p>pl|${plName}|5 pytań|signIn.title</p>`);
  });
});

describe("a staff page's strings as a file the browser keeps", () => {
  const staff = namespacesFor("/staff");

  it("puts exactly the page's strings where the page reads them, under a name that changes with them", () => {
    for (const lang of languages) {
      const file = stringsFile(lang, staff);
      expect(file.file).toMatch(new RegExp(`^${lang}\\.common-participant-staff\\.[0-9a-f]{16}\\.js$`));
      const browser = { self: {} as { __sbStrings?: Record<string, string> } };
      vm.runInNewContext(file.body, browser);
      expect(browser.self.__sbStrings?.[stringsKey(lang, staff)]).toBe(pageResourcesJson(lang, staff));
      expect(JSON.parse(browser.self.__sbStrings?.[stringsKey(lang, staff)] ?? "{}").staff.signIn.title).toBe(
        (resources[lang].staff.signIn as Messages).title,
      );
    }
    const names = languages.map((lang) => stringsFile(lang, staff).file);
    expect(new Set(names.map((n) => n.split(".")[2])).size).toBe(3);
  });

  it("is served for a year under its own name only; any other name is a 404", async () => {
    const file = stringsFile("ar", staff);
    const ok = (await stringsLoader({ params: { file: file.file } } as never)) as Response;
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(ok.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await ok.text()).toBe(file.body);
    const stale = file.file.replace(/\.[0-9a-f]{16}\./, ".0000000000000000.");
    expect(stringsFileNamed(stale, staff)).toBeUndefined();
    for (const name of [stale, "en.common-participant.abc.js", "../../package.json"]) {
      const missing = (await stringsLoader({ params: { file: name } } as never)) as Response;
      expect(missing.status).toBe(404);
    }
  });

  it("a page not sent its strings is rendered on the server from the server's own copy", () => {
    function Title() {
      const { t } = useTranslation();
      return createElement("h1", null, t("signIn.title"));
    }
    const html = renderToString(
      createElement(I18nProvider, { lang: "ar", namespaces: staff, strings: null }, createElement(Title)),
    );
    expect(html).toBe(`<h1>${(resources.ar.staff.signIn as Messages).title}</h1>`);
  });
});

describe("npm run i18n:check", () => {
  it("finds nothing wrong in this repository", () => {
    const result = checkLocales({ appDir: path.resolve(localeDir, "../../app"), localesDir: localeDir });
    expect(result.problems).toEqual([]);
    expect(result.used).toBeGreaterThan(400);
  });

  it("fails when the code uses a key English lacks, or Polish or Arabic lack one English has", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "i18n-check-"));
    try {
      const write = (file: string, content: unknown) => {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), typeof content === "string" ? content : JSON.stringify(content));
      };
      write(
        "app/page.tsx",
        'export const P = ({ t }: { t: (k: string) => string }) => <p>{t("nav.home")}{t("nav.gone")}</p>;',
      );
      write("locales/en/common.json", { nav: { home: "Home", help: "Help" } });
      write("locales/pl/common.json", { nav: { home: "Start" } });
      write("locales/ar/common.json", { nav: { home: "الرئيسية", help: "مساعدة" } });
      expect(checkLocales({ appDir: path.join(dir, "app"), localesDir: path.join(dir, "locales") }).problems).toEqual([
        "common.json: pl lacks nav.help",
        'app/page.tsx: t("nav.gone"), but English has no nav.gone',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
