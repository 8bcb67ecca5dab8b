// What pages and the server share about sessions: limits and the fixed lists.
export const NOTE_MAX = 2000;
export const VIEW_MAX = 1000;
export const QUESTION_MAX = 300;
export const markers = ["most_agreed", "mixed", "one_person"] as const;
export type Marker = (typeof markers)[number];
/** Attendance is counted by these: the age bands, and parents and carers. */
export const attendanceBands = ["under_8", "8_11", "12_15", "16_19", "20_25", "parents_carers"] as const;
export const sessionStatuses = ["draft", "published", "cancelled", "closed"] as const;
/** Rows of agenda questions offered on the new-session form; empty ones are left out. */
export const AGENDA_ROWS = 5;
