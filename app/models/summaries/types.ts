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
