// The consultation domain's own types: the database stores them (db/schema reads them from here), the app speaks them.

/** Other languages' wording of a text, by language then field ({ pl: { title: "…" } }); English lives in its own columns. */
export type Translations = Record<string, Record<string, string>>;

export type ParticipantQuestion = {
  id: number;
  position: number;
  kind: string;
  prompt: string;
  easyPrompt: string | null;
  why: string | null;
  required: boolean;
  maxLength: number;
  translations: Translations;
  options: { id: number; label: string; easyLabel: string | null; isOther: boolean; translations: Translations }[];
  outcomeIds: number[];
};

export type ParticipantConsultation = {
  id: number;
  slug: string;
  title: string;
  summary: string;
  easySummary: string | null;
  audience: string;
  ageBands: string[];
  opensAt: string;
  closesAt: string;
  resultsBy: string | null;
  status: string;
  minutes: number;
  translations: Translations;
  questions: ParticipantQuestion[];
};

/** One answer in progress, as the answer pages keep it until "Check your answers". */
export type DraftAnswer = { value?: number; optionIds?: number[]; ranks?: Record<string, number>; text?: string };

/** The "About you" answers in progress. */
export type DraftAbout = { audience?: string; ageBand?: string; localityId?: number | null };

export const audiences = ["young_people", "parents_carers", "both"] as const;
export const consultationStatuses = ["draft", "open", "closed", "reported"] as const;
export const questionKinds = ["single", "multiple", "scale", "ranking", "short_text", "long_text"] as const;
export const responseChannels = ["online", "paper", "import"] as const;
export type Audience = (typeof audiences)[number];
export type ConsultationStatus = (typeof consultationStatuses)[number];
export type QuestionKind = (typeof questionKinds)[number];
export type ResponseChannel = (typeof responseChannels)[number];
