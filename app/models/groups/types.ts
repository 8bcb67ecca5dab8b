export const groupKinds = ["sounding_board", "forum", "school_council", "youth_forum", "parents_group"] as const;
export type GroupKind = (typeof groupKinds)[number];
