// The summaries domain's own types: db/schema stores them, the app speaks them.

/** What a summary counted, fixed when it is composed so a Board paper never changes under its readers. */
export type SummaryFigures = {
  people: number;
  contributions: number;
  ageBands: { band: string; count: number }[];
  localities: { name: string; count: number }[];
  outcomes: {
    outcomeId: number;
    title: string;
    count: number;
    scaleAnswers: number;
    scaleMean: number | null;
    positive: number;
    negative: number;
  }[];
};

/** Contribution sources a summary can be scoped to (contributions.source). */
export const SUMMARY_SOURCES = ["consultation", "thread", "session"] as const;
export type SummarySource = (typeof SUMMARY_SOURCES)[number];

/**
 * Everything an officer scoped a summary to. An empty list means "all" for that dimension; the period is [from, to) in
 * ISO instants. outcomeIds must hold at least one outcome of the active plan.
 */
export type SummaryScopeStored = {
  from: string;
  to: string;
  outcomeIds: number[];
  priorityIds: number[];
  sources: SummarySource[];
  audiences: string[];
  ageBands: string[];
  localityIds: number[];
  groupIds: number[];
};

/** A count shown outside an officer's own live results: null when it is 1–4 people (never shown as a number). */
export type ProtectedCount = number | null;

/** One row of "who we heard from": people reached against the population the admin entered (null: not entered). */
export type ReachRow = {
  /** the age band, audience or locality key (locality: its id as a string) */
  key: string;
  label: string;
  people: ProtectedCount;
  contributions: ProtectedCount;
  population: number | null;
  /** people reached per 1,000 of the population, one decimal; null when either side is missing or suppressed */
  per1000: number | null;
};

/** A gap named in words before the paper goes: nobody (or too few to count) in a part of the population. */
export type ReachGap = {
  ageBand: string | null;
  locality: string | null;
  audience: string | null;
  people: 0 | "fewer-than-5";
};

/** A chart as data: every renderer (page SVG, DOCX, PDF, CSV) draws it from this, with its table and one sentence. */
export type ChartSpec = {
  id: string;
  title: string;
  /** one sentence saying what the chart shows, for alternative text and the page */
  description: string;
  /** what the values count */
  unit: "people" | "contributions" | "percent";
  /** the series (columns of the data table), e.g. ["This period", "Period before"] */
  series: string[];
  rows: { label: string; values: (number | null)[] }[];
};

/** What young people and parents said about one outcome. */
export type OutcomeFigures = {
  outcomeId: number;
  title: string;
  people: ProtectedCount;
  contributions: ProtectedCount;
  previousContributions: ProtectedCount;
  /** faces answers 1 (really bad) to 5 (really good), protected */
  faces: { value: number; count: ProtectedCount }[];
  /** share of faces answers that were good or really good, whole percent; null with fewer than 5 answers */
  positiveShare: number | null;
  previousPositiveShare: number | null;
  priorities: { priorityId: number; title: string; contributions: ProtectedCount }[];
  themes: { themeId: number; name: string; contributions: ProtectedCount }[];
};

/** Where the same question went to young people and to parents and carers: the two side by side, as shares. */
export type PairedVoices = {
  questionId: number;
  question: string;
  consultation: string;
  youngPeople: ProtectedCount;
  parents: ProtectedCount;
  /** per option (or face), whole-percent shares of each side's answers; null when that side is suppressed */
  rows: { label: string; youngShare: number | null; parentShare: number | null }[];
  /** differences named in words, e.g. "Parents and carers chose “Bus” 22 points more often than young people." */
  differences: string[];
};

/** A quote as it will be read: masked, with who said it in general terms only. */
export type SummaryQuote = { contributionId: number; text: string; audience: string; ageBand: string | null };

/**
 * A summary as it is (or was) sent: everything a paper, an export or a reader needs, frozen in summary_versions.content.
 * Words that depend on the reader's language are built from the structured parts at display time.
 */
export type SummaryContent = {
  summaryId: number;
  version: number;
  title: string;
  scope: SummaryScopeStored;
  previousPeriod: { from: string; to: string };
  purpose: string | null;
  keyMessages: string[];
  recommendations: string[];
  reportOf: string | null;
  contactOfficer: string | null;
  reach: {
    people: ProtectedCount;
    contributions: ProtectedCount;
    byAudience: ReachRow[];
    byAgeBand: ReachRow[];
    byLocality: ReachRow[];
    gaps: ReachGap[];
  };
  outcomes: OutcomeFigures[];
  exceptionRule: { points: number; minAnswers: number };
  exceptions: {
    direction: "better" | "worse";
    outcomeId: number;
    outcome: string;
    share: number;
    earlierShare: number;
    points: number;
    answers: number;
    previousAnswers: number;
  }[];
  paired: PairedVoices[];
  charts: ChartSpec[];
  quotes: SummaryQuote[];
  /** set when the version was sent to a meeting */
  sent: {
    at: string;
    meetingId: number;
    body: string;
    meeting: string;
    meetsOn: string;
    itemKind: "decision" | "information";
    itemNumber: number;
  } | null;
};
