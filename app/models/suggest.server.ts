import { getDb } from "~db/client";
import { buildModel, type Labelled, type Model, rankOutcomes, type Suggestion } from "./suggest/classifier";

/**
 * Suggested outcome tags (issue 10): a naive Bayes classifier (wink-naive-bayes-text-classifier) learns from the
 * published words officers and questions have already tagged, in this process's memory, so no text leaves the server.
 * It knows only the active plan's outcomes; a tag change retrains it a little later, off the request that made it.
 */

export type { Suggestion };

/** Newest first, at most this many: enough to learn a county's words, few enough to train in about a second. */
const MAX_DOCUMENTS = 30_000;
/** Retrain this long after the last tag change, but never later than MAX_WAIT after the first change waiting. */
const DEBOUNCE_MS = 10_000;
const MAX_WAIT_MS = 60_000;

let model: Model | null = null;
let trained = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let firstWaitingAt = 0;
let running: Promise<void> | null = null;

/** Documents read per query: one page is a few tens of milliseconds on a million rows, so retraining yields between. */
const PAGE = 1_000;

function activeOutcomeIds() {
  return getDb()
    .$client.prepare("select o.id from outcomes o join plans p on p.id = o.plan_id where p.active = 1 order by o.id")
    .pluck()
    .all() as number[];
}

/**
 * Approved free text tagged with at least one of the active plan's outcomes, newest first, a page at a time. Escalated
 * words (now, or ever: a safeguarding case exists) are never learned from, nor pending, hidden or withdrawn ones.
 */
function* readDocuments(outcomeIds: number[]): Generator<Labelled> {
  if (outcomeIds.length < 2) return;
  // Ids from our own table, so writing them into the statement is safe; a bound list would need json_each per row.
  const list = outcomeIds.join(",");
  const page = getDb().$client.prepare(
    `select c.id, c.created_at as at, c.masked_body as text,
      (select group_concat(t.outcome_id) from contribution_tags t
        where t.contribution_id = c.id and t.outcome_id in (${list})) as tags
    from contributions c
    where c.moderation_state = 'approved' and c.masked_body is not null
      and (c.created_at < @at or (c.created_at = @at and c.id < @id))
      and exists (select 1 from contribution_tags t where t.contribution_id = c.id and t.outcome_id in (${list}))
      and not exists (select 1 from safeguarding_cases sc where sc.contribution_id = c.id)
    order by c.created_at desc, c.id desc
    limit @limit`,
  );
  // Keyset paging from the newest: each page starts where the last one stopped.
  let after = { at: "\uffff", id: Number.MAX_SAFE_INTEGER };
  for (let read = 0; read < MAX_DOCUMENTS; ) {
    const rows = page.all({ ...after, limit: Math.min(PAGE, MAX_DOCUMENTS - read) }) as {
      id: number;
      at: string;
      text: string;
      tags: string;
    }[];
    for (const r of rows) yield { text: r.text, outcomeIds: r.tags.split(",").map(Number) };
    if (rows.length < PAGE) return;
    read += rows.length;
    const last = rows[rows.length - 1];
    after = { at: last.at, id: last.id };
  }
}

function install(next: Model | null) {
  model = next;
  trained = true;
}

/** Trains now from the database (tests, boot, eval). Returns how many documents it learned from. */
export function trainNow(): number {
  clearTimeout(timer);
  timer = undefined;
  firstWaitingAt = 0;
  try {
    const outcomeIds = activeOutcomeIds();
    const steps = buildModel(readDocuments(outcomeIds), outcomeIds);
    let step = steps.next();
    while (!step.done) step = steps.next();
    install(step.value);
  } catch (error) {
    console.error("Suggested tags: training failed", error);
    install(null);
  }
  return model?.documents ?? 0;
}

/** Retrains a chunk of documents at a time between requests; the old model answers until the new one is ready. */
function retrainInBackground(): Promise<void> {
  timer = undefined;
  firstWaitingAt = 0;
  // A change that arrived while training: train again once this run ends, so the newest tags are learned.
  if (running) return running.then(() => retrainInBackground());
  running = new Promise<void>((resolve) => {
    const failed = (error: unknown) => {
      console.error("Suggested tags: retraining failed", error);
      resolve();
    };
    let steps: ReturnType<typeof buildModel>;
    try {
      const outcomeIds = activeOutcomeIds();
      steps = buildModel(readDocuments(outcomeIds), outcomeIds);
    } catch (error) {
      failed(error);
      return;
    }
    const step = () => {
      try {
        const next = steps.next();
        if (!next.done) return void setImmediate(step);
        install(next.value);
        resolve();
      } catch (error) {
        failed(error);
      }
    };
    step();
  }).finally(() => {
    running = null;
  });
  return running;
}

/** Called by the tagging code after any tag change; retrains soon after (debounced, never blocking a request for long). */
export function tagsChanged(): void {
  const now = Date.now();
  if (!firstWaitingAt) firstWaitingAt = now;
  clearTimeout(timer);
  timer = setTimeout(
    () => void retrainInBackground(),
    Math.max(0, Math.min(DEBOUNCE_MS, firstWaitingAt + MAX_WAIT_MS - now)),
  );
  timer.unref?.();
}

/** For tests: starts a waiting retrain now, and resolves when it (and any already running) has finished. */
export async function retrainSettled(): Promise<void> {
  if (timer) {
    clearTimeout(timer);
    await retrainInBackground();
  } else if (running) await running;
}

/** Top suggestions for these contributions' masked text, excluding outcomes each already has; [] when the model knows too little. */
export function suggestTags(
  items: { id: number; text: string; exclude: number[] }[],
  limit = 3,
): Map<number, Suggestion[]> {
  const result = new Map<number, Suggestion[]>();
  try {
    if (!trained) trainNow();
    const m = model;
    for (const item of items) {
      if (!m || !item.text) {
        result.set(item.id, []);
        continue;
      }
      const exclude = new Set(item.exclude);
      result.set(
        item.id,
        rankOutcomes(m, item.text)
          .filter((s) => !exclude.has(s.outcomeId))
          .slice(0, Math.max(0, limit)),
      );
    }
  } catch (error) {
    console.error("Suggested tags: suggestion failed", error);
    for (const item of items) if (!result.has(item.id)) result.set(item.id, []);
  }
  return result;
}
