// The imports domain's own types: db/schema stores them, the app speaks them.
import type { DraftAbout, DraftAnswer } from "../consultations/types";

/** One checked row of an uploaded file, ready to become a response. `line` is where it starts in the file. */
export type ImportRow = { line: number; answers: Record<string, DraftAnswer>; about: DraftAbout };
/** A row that will never be imported, with every reason in words an officer can act on. */
export type RejectedRow = { line: number; reasons: string[] };

export const importStatuses = ["validated", "importing", "done", "failed"] as const;
export type ImportStatus = (typeof importStatuses)[number];
