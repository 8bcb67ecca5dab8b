/** A face for point 1–5 of a scale, drawn inline (no image request). Decorative: the text label says it. */
export function Face({ value }: { value: number }) {
  // mouth: from a deep frown (1) to a wide smile (5)
  const curve = [-9, -5, 0, 6, 10][value - 1] ?? 0;
  const brows = value === 1 ? "M19 23l8 -3M45 23l-8 -3" : value === 2 ? "M20 23h7M37 23h7" : "";
  return (
    <svg viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <circle cx="32" cy="32" r="29" fill="#ffe08a" stroke="#1b1b1b" strokeWidth="3" />
      <circle cx="23" cy="28" r="3.5" fill="#1b1b1b" />
      <circle cx="41" cy="28" r="3.5" fill="#1b1b1b" />
      {brows && <path d={brows} stroke="#1b1b1b" strokeWidth="3" strokeLinecap="round" fill="none" />}
      {curve === 0 ? (
        <path d="M21 43h22" stroke="#1b1b1b" strokeWidth="3.5" strokeLinecap="round" />
      ) : (
        <path
          d={`M20 ${42 - curve / 2} Q32 ${42 + curve} 44 ${42 - curve / 2}`}
          stroke="#1b1b1b"
          strokeWidth="3.5"
          strokeLinecap="round"
          fill="none"
        />
      )}
    </svg>
  );
}
