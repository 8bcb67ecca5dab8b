// Sending answers: the consultation must still be open, then the one answer writer (../responses.server) stores them.

import { IncompleteAnswersError, storeResponse, storeResponseGrouped } from "../responses.server";
import { notifyEscalation } from "../safeguarding.server";
import { isAcceptingAnswers } from "./participant-reads.server";
import type { DraftAbout, DraftAnswer, ParticipantConsultation } from "./types";

export class SubmissionError extends Error {
  constructor(
    public readonly code: "closed" | "incomplete",
    public readonly questionNumber?: number,
  ) {
    super(code);
  }
}

/**
 * Turns a draft into a response and its contributions in one transaction, so a submission is either
 * wholly stored or not at all. Sending again with the same receipt replaces the earlier answers.
 * Paper and imported answers (a channel given) may be entered after the consultation has closed.
 */
export function submitResponse(input: {
  consultation: ParticipantConsultation;
  receiptHash: string | null;
  answers: Record<string, DraftAnswer>;
  about: DraftAbout | null;
  language: string;
  readingLevel: string;
  channel?: "online" | "paper" | "import";
  now?: Date;
}) {
  const now = input.now ?? new Date();
  if (input.channel === undefined && !isAcceptingAnswers(input.consultation, now)) throw new SubmissionError("closed");
  try {
    const stored = storeResponse(input.consultation, input.answers, input.about, {
      receiptHash: input.receiptHash,
      channel: input.channel ?? "online",
      language: input.language,
      readingLevel: input.readingLevel,
      at: now.toISOString(),
    });
    if (stored.newlyEscalated) void notifyEscalation();
    return stored;
  } catch (error) {
    if (error instanceof IncompleteAnswersError) throw new SubmissionError("incomplete", error.questionNumber);
    throw error;
  }
}

/**
 * A participant sending their answers online: as submitResponse, but committed with the other submissions of the
 * same moment (one wait for the disk for a whole class sending together). Resolves once the answers are on disk.
 */
export async function sendAnswers(input: {
  consultation: ParticipantConsultation;
  receiptHash: string;
  answers: Record<string, DraftAnswer>;
  about: DraftAbout | null;
  language: string;
  readingLevel: string;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  if (!isAcceptingAnswers(input.consultation, now)) throw new SubmissionError("closed");
  try {
    const stored = await storeResponseGrouped(input.consultation, input.answers, input.about, {
      receiptHash: input.receiptHash,
      channel: "online",
      language: input.language,
      readingLevel: input.readingLevel,
      at: now.toISOString(),
    });
    if (stored.newlyEscalated) void notifyEscalation();
    return stored;
  } catch (error) {
    if (error instanceof IncompleteAnswersError) throw new SubmissionError("incomplete", error.questionNumber);
    throw error;
  }
}
