/** Age bands youngest first, then people who did not say: the one order every table and chart lists them in. */
export const AGE_BAND_ORDER = ["under_8", "8_11", "12_15", "16_19", "20_25", "prefer_not", "unknown"] as const;

/** A band's place in that order; a band this list does not know goes last. */
export function ageBandRank(band: string) {
  const i = (AGE_BAND_ORDER as readonly string[]).indexOf(band);
  return i === -1 ? AGE_BAND_ORDER.length : i;
}

export function byAgeBand(a: { band: string }, b: { band: string }) {
  return ageBandRank(a.band) - ageBandRank(b.band);
}
