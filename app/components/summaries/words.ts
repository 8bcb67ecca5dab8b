import type { TFunction } from "~/i18n";
import type { ReachGap } from "~/models/summaries/types";

/** A gap in words, in the reader's language: "No one aged 8 to 11 in Ashcombe". */
export function gapWords(g: ReachGap, t: TFunction) {
  const few = g.people === "fewer-than-5";
  if (g.audience)
    return t(few ? "summary.gap.audienceFew" : "summary.gap.audienceNone", {
      audience: t(`audienceShort.${g.audience}`),
    });
  const age = g.ageBand ? t(`ageBand.${g.ageBand}`) : "";
  if (g.ageBand && g.locality)
    return t(few ? "summary.gap.cellFew" : "summary.gap.cellNone", { age, place: g.locality });
  if (g.ageBand) return t(few ? "summary.gap.ageFew" : "summary.gap.ageNone", { age });
  return t(few ? "summary.gap.placeFew" : "summary.gap.placeNone", { place: g.locality ?? "" });
}
