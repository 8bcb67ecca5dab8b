// The county's fixed reference lists, safe for the browser (the server's reference.server.ts re-uses them).

/** Age bands, fixed so figures stay comparable; an administrator chooses which participants are offered. */
export const AGE_BANDS = ["under_8", "8_11", "12_15", "16_19", "20_25"] as const;
/** Who a contribution is from. */
export const AUDIENCES = ["young_people", "parents_carers"] as const;
