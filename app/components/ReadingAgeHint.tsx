import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { type ReadingAge, readingAge } from "~/utils/reading-age";

/**
 * Beside an answer to a young person: how old a reader the text suits, against the youngest age of the asker's group.
 * With JavaScript it follows the typing, announced politely once the typing pauses; without, the page shows what the
 * "Check reading age" button worked out on the server.
 */
export function ReadingAgeHint({
  text,
  initial,
  youngest,
  parent,
}: {
  text: string | null;
  initial: ReadingAge | null;
  youngest: number | null;
  parent: boolean;
}) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<ReadingAge | null>(initial);
  useEffect(() => {
    if (text === null) return;
    const timer = setTimeout(() => setShown(readingAge(text)), 700);
    return () => clearTimeout(timer);
  }, [text]);
  const tooHard = shown !== null && youngest !== null && !parent && shown.age > youngest;
  return (
    <div className={`reading-age${tooHard ? " too-hard" : ""}`} aria-live="polite" id="reading-age">
      <p style={{ margin: 0 }}>
        {shown
          ? t("questions.readingAge.result", { age: shown.age, grade: shown.grade })
          : t("questions.readingAge.tooShort")}
      </p>
      <p className="meta" style={{ margin: 0 }}>
        {parent
          ? t("questions.readingAge.parent")
          : youngest !== null
            ? t("questions.readingAge.asker", { age: youngest })
            : t("questions.readingAge.askerUnknown")}
        {tooHard && ` ${t("questions.readingAge.simpler")}`}
      </p>
    </div>
  );
}
