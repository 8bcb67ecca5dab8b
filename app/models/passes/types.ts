/** The age groups a pass may be made with (as app/models/reference.server.ts), besides "I'm a parent or carer". */
export const passAgeBands = ["under_8", "8_11", "12_15", "16_19", "20_25"] as const;
export type PassAgeBand = (typeof passAgeBands)[number];
