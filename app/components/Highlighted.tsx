import { flagLabel } from "~/components/CaseContext";
import { useTranslation } from "~/i18n/react";
import type { HighlightPart } from "~/safeguarding/highlight";

/**
 * The original text with what the check found marked: harms in red, personal details (masked when published) in
 * yellow, each named after it for screen readers and on hover.
 */
export function Highlighted({ parts }: { parts: HighlightPart[] }) {
  const { t } = useTranslation();
  let at = 0;
  return (
    <>
      {parts.map((part) => {
        const key = at;
        at += part.text.length;
        if (!part.kind) return <span key={key}>{part.text}</span>;
        const label = flagLabel(t, part.kind);
        return (
          <mark key={key} className={part.harm ? "found harm" : "found detail"} title={label}>
            {part.text}
            <span className="visually-hidden"> ({label})</span>
          </mark>
        );
      })}
    </>
  );
}
