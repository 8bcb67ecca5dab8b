/**
 * Each outcome's icon, drawn inline so a printed card needs nothing fetched and prints sharp at any size. Decorative:
 * the outcome's name is always written beside it.
 */
const paths: Record<string, string> = {
  // a heart
  "be-healthy": "M32 54 C10 38 6 28 6 20 a13 13 0 0 1 26 -4 a13 13 0 0 1 26 4 c0 8 -4 18 -26 34z",
  // a shield
  "stay-safe": "M32 6 L54 14 V30 C54 44 44 54 32 58 C20 54 10 44 10 30 V14 Z",
  // a star
  "enjoy-and-achieve": "M32 6 L39 24 L58 24 L43 36 L49 55 L32 44 L15 55 L21 36 L6 24 L25 24 Z",
  // a speech bubble
  "positive-contribution":
    "M10 10 H54 a4 4 0 0 1 4 4 V40 a4 4 0 0 1 -4 4 H28 L16 56 V44 H10 a4 4 0 0 1 -4 -4 V14 a4 4 0 0 1 4 -4z",
  // a house
  "economic-wellbeing": "M32 8 L58 30 H50 V56 H14 V30 H6 Z",
};

export function OutcomeIcon({ outcomeKey, size = 48 }: { outcomeKey: string | null; size?: number }) {
  const d = (outcomeKey && paths[outcomeKey]) || null;
  return (
    <svg
      className="outcome-icon"
      width={size}
      height={size}
      viewBox="0 0 64 64"
      aria-hidden="true"
      focusable="false"
      data-outcome={outcomeKey ?? "none"}
    >
      {d ? <path d={d} /> : <circle cx="32" cy="32" r="24" />}
    </svg>
  );
}
