// The wording of a consultation in each language: easy-read English and the translations.
import { eq, inArray } from "drizzle-orm";
import { getDb } from "~db/client";
import { consultations, questionOptions, questions } from "~db/schema";
import { ConsultationEditError } from "./builder.server";
import { invalidateConsultationCache } from "./participant-reads.server";
import type { Translations } from "./types";

export type Wording = {
  consultation: Record<string, string>;
  questions: Record<string, Record<string, string>>;
  options: Record<string, Record<string, string>>;
};

/**
 * Saves the wording of a consultation in one language, in one transaction. English carries only the easy-read
 * versions (its standard wording is the source); other languages go into the translations JSON, where an
 * empty field is removed so the page falls back to English.
 */
export function saveWording(consultationId: number, lang: string, wording: Wording) {
  invalidateConsultationCache();
  const db = getDb();
  db.transaction((tx) => {
    const c = tx
      .select({ translations: consultations.translations })
      .from(consultations)
      .where(eq(consultations.id, consultationId))
      .get();
    if (!c) throw new ConsultationEditError("not_found");
    const merge = (current: Translations, fields: Record<string, string>) => {
      const next = { ...current, [lang]: { ...(current[lang] ?? {}) } };
      for (const [k, v] of Object.entries(fields)) {
        if (v) next[lang][k] = v;
        else delete next[lang][k];
      }
      return next;
    };
    if (lang === "en") {
      tx.update(consultations)
        .set({ easySummary: wording.consultation.easySummary || null })
        .where(eq(consultations.id, consultationId))
        .run();
    } else {
      tx.update(consultations)
        .set({ translations: merge(c.translations, wording.consultation) })
        .where(eq(consultations.id, consultationId))
        .run();
    }
    const qs = tx
      .select({ id: questions.id, translations: questions.translations })
      .from(questions)
      .where(eq(questions.consultationId, consultationId))
      .all();
    for (const q of qs) {
      const fields = wording.questions[String(q.id)];
      if (!fields) continue;
      if (lang === "en")
        tx.update(questions)
          .set({ easyPrompt: fields.easyPrompt || null })
          .where(eq(questions.id, q.id))
          .run();
      else
        tx.update(questions)
          .set({ translations: merge(q.translations, fields) })
          .where(eq(questions.id, q.id))
          .run();
    }
    const opts = qs.length
      ? tx
          .select({ id: questionOptions.id, translations: questionOptions.translations })
          .from(questionOptions)
          .where(
            inArray(
              questionOptions.questionId,
              qs.map((q) => q.id),
            ),
          )
          .all()
      : [];
    for (const o of opts) {
      const fields = wording.options[String(o.id)];
      if (!fields) continue;
      if (lang === "en")
        tx.update(questionOptions)
          .set({ easyLabel: fields.easyLabel || null })
          .where(eq(questionOptions.id, o.id))
          .run();
      else
        tx.update(questionOptions)
          .set({ translations: merge(o.translations, fields) })
          .where(eq(questionOptions.id, o.id))
          .run();
    }
  });
}
