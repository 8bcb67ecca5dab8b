/**
 * The approved contributions a summary counts, held in memory in columns (one typed array per field), so any scope's
 * figures are one pass over them in JavaScript: tens of milliseconds at a million contributions, where SQLite needs
 * seconds for a wide scope (decision 0020). Each thread keeps its own index for its own connection.
 *
 * Exact by construction, as the figure cache is (decision 0019): the triggers of migration 0022 name in figure_changes,
 * in the same transaction, every contribution whose row, tags, themes, choices or safeguarding case changed in a way
 * figures_version counts. The index remembers the last change it applied; before each count it reads the changes after
 * it and reads those contributions again, inside the same read transaction as the count, so the figures are those of
 * one moment of the database. Built from a position in the log first and the rows after, so a write during the build is
 * read again. Where it cannot be exact (a date not written as the app writes it, an id past the ranges its keys pack),
 * it says so and the caller counts in SQL, as before.
 *
 * It answers the raw counts the SQL of content.server.ts answers (ScopeCounts); the words, suppression and gaps are
 * worked out from them by the same code either way, and tests/models/figure-index.test.ts checks both give the same.
 */
import type Database from "better-sqlite3";
import type { SummaryScopeStored } from "./types";

/** scope "thread" is stored as contributions.source "question" (a thread starts with a question). */
const SOURCE_COLUMN: Record<string, string> = { consultation: "consultation", thread: "question", session: "session" };

export type CellCount = {
  audience: string;
  ageBand: string | null;
  localityId: number | null;
  people: number;
  n: number;
};
export type GroupCount = {
  current: 0 | 1;
  outcomeId: number;
  priorityId: number | null;
  value: number | null;
  n: number;
};
export type PairQuestionCount = { questionId: number; young: number; parents: number };
export type PairCount = { questionId: number; audience: string; key: number; n: number };

/** What a scope counts from contributions: what content.server.ts turns into a summary's figures. */
export type ScopeCounts = {
  /** Who we heard from: people and contributions per audience, age band and place (the scope's period). */
  cells: CellCount[];
  /** Contributions per outcome, priority and face; current 1 in the scope's period, 0 in the one before. */
  groups: GroupCount[];
  /** People per outcome in the scope's period. */
  outcomePeople: { outcomeId: number; people: number }[];
  /** Contributions per outcome and theme in the scope's period. */
  themeCounts: { outcomeId: number; themeId: number; n: number }[];
  /** Per question answered by scale, choice or ranking: people among young people and among parents and carers. */
  pairQuestions: PairQuestionCount[];
  /** People per question, side and option chosen (key: the option's id). */
  choiceCounts: PairCount[];
  /** People per question, side and face of a scale answer (key: the face). */
  scaleCounts: PairCount[];
};

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
/** A date the index can compare as the SQL compares its text: written exactly as Date#toISOString writes it. */
const isoMs = (s: string): number | null => {
  if (!ISO.test(s)) return null;
  const ms = Date.parse(s);
  return Number.isFinite(ms) && new Date(ms).toISOString() === s ? ms : null;
};

const NONE = -1;
// Bounds of the ids the arrays below are indexed by (past them, the index stands aside and SQL counts).
const MAX_OUTCOME = 1 << 15;
const MAX_THEME = 1 << 20;
const MAX_ID = 2 ** 31 - 1;
/** Contributions read per statement while building (a worker yields between them, so other tasks go on). */
const BUILD_CHUNK = 20_000;
/** Rows kept in figure_changes: older ones are removed once there are twice as many. */
const KEEP_CHANGES = 50_000;

class Unusable extends Error {}

type Grow = Int32Array | Float64Array | Uint8Array;
function grown<T extends Grow>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2, 1024));
  b.set(a);
  return b;
}

/**
 * Values (audiences, age bands, sources and kinds; ids and faces) as dense codes from 1, 0 standing for null, so counts
 * go in flat arrays rather than maps. `limit`: codes kept in a Uint8Array column stop at 255.
 */
class Codes<K extends string | number> {
  codes = new Map<K, number>();
  values: (K | null)[] = [null];
  constructor(private limit = Number.POSITIVE_INFINITY) {}
  code(v: K | null): number {
    if (v === null) return 0;
    let c = this.codes.get(v);
    if (c === undefined) {
      c = this.values.length;
      if (c > this.limit) throw new Unusable("too many distinct values");
      this.codes.set(v, c);
      this.values.push(v);
    }
    return c;
  }
  /** The value of a code from 1 (never 0, which stands for null). */
  valueAt(code: number): K {
    return this.values[code] as K;
  }
  /** The code of a value, or -1 when it never occurred. */
  find(v: K): number {
    return this.codes.get(v) ?? -1;
  }
}

type Row = [
  id: number,
  createdAt: string,
  responseId: number | null,
  audience: string,
  ageBand: string | null,
  localityId: number | null,
  groupId: number | null,
  source: string,
  kind: string,
  valueInt: number | null,
  questionId: number | null,
];
const ROW_COLUMNS = `id, created_at, response_id, audience, age_band, locality_id, group_id, source, kind, value_int, question_id`;

export class FigureIndex {
  /** The last figure_changes row applied. */
  seq = 0;
  length = 0;
  dead = 0;
  private id = new Int32Array(0);
  private created = new Float64Array(0);
  private person = new Int32Array(0);
  private aud = new Uint8Array(0);
  private age = new Uint8Array(0);
  private loc = new Int32Array(0);
  private grp = new Int32Array(0);
  private src = new Uint8Array(0);
  private kind = new Uint8Array(0);
  /** code of the face of a scale answer (0: not a scale answer, or no face) */
  private val = new Int32Array(0);
  /** code of the question (0: none) */
  private q = new Int32Array(0);
  private cell = new Int32Array(0);
  private alive = new Uint8Array(0);
  private tagStart = new Int32Array(0);
  private tagLen = new Uint8Array(0);
  private themeStart = new Int32Array(0);
  private themeLen = new Uint8Array(0);
  private choiceStart = new Int32Array(0);
  private choiceLen = new Uint8Array(0);
  private tagOutcome = new Int32Array(0);
  /** code of the priority (0: none) */
  private tagPriority = new Int32Array(0);
  private tags = 0;
  private themeIds = new Int32Array(0);
  private themes = 0;
  /** code of the option */
  private choiceIds = new Int32Array(0);
  private choices = 0;
  /** row + 1 of each contribution id held (0: not held). */
  private rowOf = new Int32Array(0);
  private maxResponse = 0;
  private audiences = new Codes<string>(255);
  private ageBands = new Codes<string>(255);
  private sources = new Codes<string>(255);
  private kinds = new Codes<string>(255);
  private faces = new Codes<number>();
  private questions = new Codes<number>();
  private priorities = new Codes<number>();
  private options = new Codes<number>();
  /** the question code each option code was chosen under (an option belongs to one question) */
  private optionQuestion: number[] = [0];
  /** (audience, age band, place) of each row as one number, and back. */
  private cells = new Map<number, number>();
  private cellKeys: [number, number, number][] = [];
  // Per person (response id): the count that last saw them, the row it first saw them in, and whether seen twice.
  private stamp = new Int32Array(0);
  private firstRow = new Int32Array(0);
  private multi = new Int32Array(0);
  private epoch = 0;

  /** Room for n rows in every column. */
  private reserve(n: number): void {
    if (n <= this.id.length) return;
    const room = Math.max(n, this.id.length * 2, 1024);
    this.id = grown(this.id, room);
    this.created = grown(this.created, room);
    this.person = grown(this.person, room);
    this.aud = grown(this.aud, room);
    this.age = grown(this.age, room);
    this.loc = grown(this.loc, room);
    this.grp = grown(this.grp, room);
    this.src = grown(this.src, room);
    this.kind = grown(this.kind, room);
    this.val = grown(this.val, room);
    this.q = grown(this.q, room);
    this.cell = grown(this.cell, room);
    this.alive = grown(this.alive, room);
    this.tagStart = grown(this.tagStart, room);
    this.tagLen = grown(this.tagLen, room);
    this.themeStart = grown(this.themeStart, room);
    this.themeLen = grown(this.themeLen, room);
    this.choiceStart = grown(this.choiceStart, room);
    this.choiceLen = grown(this.choiceLen, room);
  }

  private add(r: Row): void {
    const [id, createdAt, responseId, audience, ageBand, localityId, groupId, source, kind, valueInt, questionId] = r;
    const ms = isoMs(createdAt);
    if (ms === null) throw new Unusable(`a date written otherwise: ${createdAt}`);
    const inRange = (n: number | null) => n === null || (Number.isInteger(n) && n > 0 && n <= MAX_ID);
    if (!inRange(id) || !inRange(responseId) || !inRange(localityId) || !inRange(groupId))
      throw new Unusable("an id past the index's ranges");
    const i = this.length++;
    this.reserve(i + 1);
    this.id[i] = id;
    this.created[i] = ms;
    this.person[i] = responseId === null ? -id : responseId;
    if (responseId !== null && responseId > this.maxResponse) this.maxResponse = responseId;
    this.aud[i] = this.audiences.code(audience);
    this.age[i] = this.ageBands.code(ageBand);
    this.loc[i] = localityId ?? NONE;
    this.grp[i] = groupId ?? NONE;
    this.src[i] = this.sources.code(source);
    this.kind[i] = this.kinds.code(kind);
    // Only a scale answer's face is counted (the SQL's "case when kind = 'scale' then value_int end").
    this.val[i] = kind === "scale" ? this.faces.code(valueInt) : 0;
    this.q[i] = this.questions.code(questionId);
    const cellKey = (this.aud[i] * 256 + this.age[i]) * 2 ** 32 + (this.loc[i] + 1);
    let cell = this.cells.get(cellKey);
    if (cell === undefined) {
      cell = this.cellKeys.length;
      this.cells.set(cellKey, cell);
      this.cellKeys.push([this.aud[i], this.age[i], this.loc[i]]);
    }
    this.cell[i] = cell;
    this.alive[i] = 1;
    this.tagStart[i] = 0;
    this.tagLen[i] = 0;
    this.themeStart[i] = 0;
    this.themeLen[i] = 0;
    this.choiceStart[i] = 0;
    this.choiceLen[i] = 0;
    this.rowOf = grown(this.rowOf, id + 1);
    this.rowOf[id] = i + 1;
  }

  // Tags, themes and choices arrive ordered by contribution, so each row's are side by side.
  private addTag(contributionId: number, outcomeId: number, priorityId: number | null): void {
    const row = (this.rowOf[contributionId] ?? 0) - 1;
    if (row < 0) return;
    if (outcomeId < 0 || outcomeId >= MAX_OUTCOME) throw new Unusable("an id past the ranges");
    if (this.tagLen[row] === 0) this.tagStart[row] = this.tags;
    else if (this.tagStart[row] + this.tagLen[row] !== this.tags) throw new Error("tags out of order");
    if (this.tagLen[row] === 255) throw new Unusable("too many tags");
    this.tagOutcome = grown(this.tagOutcome, this.tags + 1);
    this.tagPriority = grown(this.tagPriority, this.tags + 1);
    this.tagOutcome[this.tags] = outcomeId;
    this.tagPriority[this.tags] = this.priorities.code(priorityId);
    this.tags++;
    this.tagLen[row]++;
  }

  private addTheme(contributionId: number, themeId: number): void {
    const row = (this.rowOf[contributionId] ?? 0) - 1;
    if (row < 0) return;
    if (themeId < 0 || themeId >= MAX_THEME) throw new Unusable("an id past the ranges");
    if (this.themeLen[row] === 0) this.themeStart[row] = this.themes;
    else if (this.themeStart[row] + this.themeLen[row] !== this.themes) throw new Error("themes out of order");
    if (this.themeLen[row] === 255) throw new Unusable("too many themes");
    this.themeIds = grown(this.themeIds, this.themes + 1);
    this.themeIds[this.themes++] = themeId;
    this.themeLen[row]++;
  }

  private addChoice(contributionId: number, optionId: number): void {
    const row = (this.rowOf[contributionId] ?? 0) - 1;
    if (row < 0) return;
    if (this.choiceLen[row] === 0) this.choiceStart[row] = this.choices;
    else if (this.choiceStart[row] + this.choiceLen[row] !== this.choices) throw new Error("choices out of order");
    if (this.choiceLen[row] === 255) throw new Unusable("too many choices");
    this.choiceIds = grown(this.choiceIds, this.choices + 1);
    const o = this.options.code(optionId);
    if (this.optionQuestion[o] === undefined) this.optionQuestion[o] = this.q[row];
    else if (this.optionQuestion[o] !== this.q[row]) throw new Unusable("an option chosen under two questions");
    this.choiceIds[this.choices++] = o;
    this.choiceLen[row]++;
  }

  /** Reads the approved, unescalated contributions with ids in (after, through] (or those listed) and their parts. */
  private readRows(client: Database.Database, range: { after: number; through: number } | { ids: number[] }) {
    const where = "ids" in range ? "in (select value from json_each(?))" : "> ? and id <= ?";
    const args = "ids" in range ? [JSON.stringify(range.ids)] : [range.after, range.through];
    const partsWhere =
      "ids" in range
        ? `contribution_id in (select value from json_each(?))`
        : `contribution_id > ? and contribution_id <= ?`;
    const rows = client
      .prepare(
        `select ${ROW_COLUMNS} from contributions where id ${where} and moderation_state = 'approved'
         and id not in (select contribution_id from safeguarding_cases) order by id`,
      )
      .raw()
      .all(...args) as Row[];
    for (const r of rows) this.add(r);
    if (!rows.length) return;
    for (const [c, o, p] of client
      .prepare(
        `select contribution_id, outcome_id, priority_id from contribution_tags where ${partsWhere} order by contribution_id`,
      )
      .raw()
      .all(...args) as [number, number, number | null][])
      this.addTag(c, o, p);
    for (const [c, th] of client
      .prepare(`select contribution_id, theme_id from contribution_themes where ${partsWhere} order by contribution_id`)
      .raw()
      .all(...args) as [number, number][])
      this.addTheme(c, th);
    for (const [c, o] of client
      .prepare(
        `select contribution_id, option_id from contribution_choices where ${partsWhere} order by contribution_id`,
      )
      .raw()
      .all(...args) as [number, number][])
      this.addChoice(c, o);
  }

  /**
   * Built from the log's position first and the rows after, a chunk at a time (`between` runs between chunks: a worker
   * gives other tasks their turn there). A write during the build is in the log after that position: read again by
   * the first refresh.
   */
  static *building(client: Database.Database, chunk = BUILD_CHUNK): Generator<void, FigureIndex> {
    const index = new FigureIndex();
    index.seq = (client.prepare("select coalesce(max(seq), 0) from figure_changes").pluck().get() as number) ?? 0;
    const last = (client.prepare("select coalesce(max(id), 0) from contributions").pluck().get() as number) ?? 0;
    for (let after = 0; after < last; after += chunk) {
      index.readRows(client, { after, through: Math.min(after + chunk, last) });
      yield;
    }
    return index;
  }

  static build(client: Database.Database): FigureIndex {
    const steps = FigureIndex.building(client);
    for (;;) {
      const s = steps.next();
      if (s.done) return s.value;
    }
  }

  /** Applies the changes logged since the last: false when the log no longer holds them (build again). */
  refresh(client: Database.Database): boolean {
    const pruned = (client.prepare("select pruned_through from figure_changes_pruned where id = 1").pluck().get() ??
      0) as number;
    if (pruned > this.seq) return false;
    const changes = client
      .prepare("select seq, contribution_id from figure_changes where seq > ? order by seq")
      .raw()
      .all(this.seq) as [number, number][];
    if (!changes.length) return true;
    const ids = [...new Set(changes.map((c) => c[1]))];
    for (const id of ids) {
      const row = id < this.rowOf.length ? this.rowOf[id] - 1 : -1;
      if (row >= 0) {
        this.alive[row] = 0;
        this.rowOf[id] = 0;
        this.dead++;
      }
    }
    for (let i = 0; i < ids.length; i += 10_000) this.readRows(client, { ids: ids.slice(i, i + 10_000) });
    this.seq = changes[changes.length - 1][0];
    return true;
  }

  /** Worth building again: a quarter of its rows are old copies of changed contributions. */
  get worn() {
    return this.dead > 10_000 && this.dead * 4 > this.length;
  }

  private perPerson() {
    if (this.stamp.length <= this.maxResponse) {
      const n = this.maxResponse + 1 + 1024;
      this.stamp = grown(this.stamp, n);
      this.firstRow = grown(this.firstRow, n);
      this.multi = grown(this.multi, n);
    }
    this.epoch++;
    if (this.epoch >= MAX_ID) {
      this.stamp.fill(0);
      this.multi.fill(0);
      this.epoch = 1;
    }
  }

  /** The raw counts of a scope (see ScopeCounts); null when its dates are not written as the index compares them. */
  counts(scope: SummaryScopeStored, previous: { from: string; to: string }): ScopeCounts | null {
    const fromMs = isoMs(scope.from);
    const toMs = isoMs(scope.to);
    const prevMs = isoMs(previous.from);
    if (fromMs === null || toMs === null || prevMs === null) return null;
    // The scope's outcomes by position (-1: not chosen), and its priorities, as flags by id and code.
    const outcomes = [...new Set(scope.outcomeIds)].filter((o) => o >= 0 && o < MAX_OUTCOME);
    const outcomeAt = new Int32Array(MAX_OUTCOME).fill(-1);
    outcomes.forEach((o, i) => {
      outcomeAt[o] = i;
    });
    const priorityOk = scope.priorityIds.length ? new Uint8Array(this.priorities.values.length) : null;
    for (const id of scope.priorityIds) {
      const c = this.priorities.codes.get(id);
      if (priorityOk && c !== undefined) priorityOk[c] = 1;
    }
    const codesOf = (dict: Codes<string>, values: string[]) => {
      if (!values.length) return null;
      const m = new Uint8Array(256);
      for (const v of values) {
        const c = dict.find(v);
        if (c > 0) m[c] = 1;
      }
      return m;
    };
    const srcOk = codesOf(
      this.sources,
      scope.sources.map((s) => SOURCE_COLUMN[s] ?? s),
    );
    const audOk = codesOf(this.audiences, scope.audiences);
    const ageOk = codesOf(this.ageBands, scope.ageBands);
    const locOk = scope.localityIds.length ? new Set(scope.localityIds) : null;
    const grpOk = scope.groupIds.length ? new Set(scope.groupIds) : null;
    // the side of each audience code for paired voices: 0 young people, 1 parents and carers, -1 neither
    const sideOf = new Int8Array(256).fill(-1);
    const young = this.audiences.find("young_people");
    const parents = this.audiences.find("parents_carers");
    if (young > 0) sideOf[young] = 0;
    if (parents > 0) sideOf[parents] = 1;
    const pairKinds = new Uint8Array(256);
    for (const k of ["scale", "choice", "ranking"]) {
      const c = this.kinds.find(k);
      if (c > 0) pairKinds[c] = 1;
    }

    const PN = this.priorities.values.length;
    const VN = this.faces.values.length;
    const QN = this.questions.values.length;
    const ON = this.options.values.length;
    // contributions per (outcome, priority, face, this period or the one before)
    const groups = new Int32Array(outcomes.length * PN * VN * 2);
    const themes = new Map<number, number>();
    // Distinct people per key: counted straight while a person has one row in scope; from their second row on, their
    // keys (the first row's included) go through a set, so nobody is counted twice for the same key.
    const counter = (size: number) => ({
      people: new Int32Array(size),
      rows: new Int32Array(size),
      seen: new Set<number>(),
    });
    const cellsC = counter(this.cellKeys.length);
    const outcomeC = counter(outcomes.length);
    const questionC = counter(QN * 2);
    const choiceC = counter(ON * 2);
    const scaleC = counter(QN * VN * 2);
    // mode 0: one row so far (count); 1: a later row (count if new to the set); 2: replaying the first row (set only).
    const hit = (c: ReturnType<typeof counter>, k: number, p: number, mode: number) => {
      if (mode === 0) c.people[k]++;
      else {
        const s = k * 2147483648 + p;
        if (mode === 2) c.seen.add(s);
        else if (!c.seen.has(s)) {
          c.seen.add(s);
          c.people[k]++;
        }
      }
    };
    const keysOf = (r: number, p: number, mode: number) => {
      const cell = this.cell[r];
      if (mode !== 2) cellsC.rows[cell]++;
      hit(cellsC, cell, p, mode);
      for (let i = this.tagStart[r], e = i + this.tagLen[r]; i < e; i++) {
        const at = outcomeAt[this.tagOutcome[i]];
        if (at >= 0) hit(outcomeC, at, p, mode);
      }
      const s = sideOf[this.aud[r]];
      const q = this.q[r];
      if (s < 0 || q === 0) return;
      if (pairKinds[this.kind[r]]) hit(questionC, q * 2 + s, p, mode);
      for (let i = this.choiceStart[r], e = i + this.choiceLen[r]; i < e; i++)
        hit(choiceC, this.choiceIds[i] * 2 + s, p, mode);
      if (this.val[r] !== 0) hit(scaleC, (q * VN + this.val[r]) * 2 + s, p, mode);
    };

    this.perPerson();
    const { epoch, stamp, firstRow, multi } = this;
    for (let r = 0; r < this.length; r++) {
      if (!this.alive[r]) continue;
      const t = this.created[r];
      if (t < prevMs || t >= toMs) continue;
      if (srcOk && !srcOk[this.src[r]]) continue;
      if (audOk && !audOk[this.aud[r]]) continue;
      if (ageOk && !ageOk[this.age[r]]) continue;
      if (locOk && !locOk.has(this.loc[r])) continue;
      if (grpOk && !grpOk.has(this.grp[r])) continue;
      const ts = this.tagStart[r];
      const te = ts + this.tagLen[r];
      let inOutcome = false;
      let inPriority = priorityOk === null;
      for (let i = ts; i < te; i++)
        if (outcomeAt[this.tagOutcome[i]] >= 0) {
          inOutcome = true;
          if (priorityOk?.[this.tagPriority[i]]) inPriority = true;
        }
      if (!inOutcome || !inPriority) continue;
      const current = t >= fromMs ? 1 : 0;
      const v = this.val[r];
      for (let i = ts; i < te; i++) {
        const at = outcomeAt[this.tagOutcome[i]];
        if (at < 0) continue;
        groups[((at * PN + this.tagPriority[i]) * VN + v) * 2 + current]++;
        if (current)
          for (let j = this.themeStart[r], je = j + this.themeLen[r]; j < je; j++) {
            const tk = at * 2 ** 21 + this.themeIds[j];
            themes.set(tk, (themes.get(tk) ?? 0) + 1);
          }
      }
      if (!current) continue;
      const p = this.person[r];
      if (p < 0) keysOf(r, 0, 0);
      else if (stamp[p] !== epoch) {
        stamp[p] = epoch;
        firstRow[p] = r;
        keysOf(r, p, 0);
      } else {
        if (multi[p] !== epoch) {
          multi[p] = epoch;
          keysOf(firstRow[p], p, 2);
        }
        keysOf(r, p, 1);
      }
    }

    const nameOf = (d: Codes<string>, c: number) => d.values[c] ?? null;
    const out: ScopeCounts = {
      cells: [],
      groups: [],
      outcomePeople: [],
      themeCounts: [...themes].map(([key, n]) => {
        const themeId = key % 2 ** 21;
        return { outcomeId: outcomes[(key - themeId) / 2 ** 21], themeId, n };
      }),
      pairQuestions: [],
      choiceCounts: [],
      scaleCounts: [],
    };
    cellsC.rows.forEach((n, k) => {
      if (!n) return;
      const [a, g, l] = this.cellKeys[k];
      out.cells.push({
        audience: nameOf(this.audiences, a) as string,
        ageBand: nameOf(this.ageBands, g),
        localityId: l === NONE ? null : l,
        people: cellsC.people[k],
        n,
      });
    });
    groups.forEach((n, k) => {
      if (!n) return;
      const current = (k % 2) as 0 | 1;
      const v = ((k - current) / 2) % VN;
      const pr = ((k - current) / 2 - v) / VN;
      const prio = pr % PN;
      out.groups.push({
        current,
        outcomeId: outcomes[(pr - prio) / PN],
        priorityId: prio === 0 ? null : this.priorities.valueAt(prio),
        value: v === 0 ? null : this.faces.valueAt(v),
        n,
      });
    });
    outcomes.forEach((o, i) => {
      if (outcomeC.people[i]) out.outcomePeople.push({ outcomeId: o, people: outcomeC.people[i] });
    });
    for (let q = 1; q < QN; q++) {
      const y = questionC.people[q * 2];
      const pa = questionC.people[q * 2 + 1];
      if (y || pa) out.pairQuestions.push({ questionId: this.questions.valueAt(q), young: y, parents: pa });
    }
    const audienceOfSide = ["young_people", "parents_carers"];
    choiceC.people.forEach((n, k) => {
      if (!n) return;
      const s = k % 2;
      const o = (k - s) / 2;
      out.choiceCounts.push({
        questionId: this.questions.valueAt(this.optionQuestion[o]),
        audience: audienceOfSide[s],
        key: this.options.valueAt(o),
        n,
      });
    });
    scaleC.people.forEach((n, k) => {
      if (!n) return;
      const s = k % 2;
      const v = ((k - s) / 2) % VN;
      const q = ((k - s) / 2 - v) / VN;
      out.scaleCounts.push({
        questionId: this.questions.valueAt(q),
        audience: audienceOfSide[s],
        key: this.faces.valueAt(v),
        n,
      });
    });
    return out;
  }
}

// One index per connection (each worker thread has its own), built on first use or ahead of it (warmFigureIndex).
// "unusable": the data could not be indexed exactly when last tried (counted in SQL; tried again after a while).
type Held = FigureIndex | { unusableSince: number };
const indexes = new WeakMap<Database.Database, Held>();
const builds = new WeakMap<Database.Database, Promise<void>>();
/** How long counts go to SQL after the data could not be indexed, before the index is tried again. */
const RETRY_UNUSABLE_MS = 10 * 60_000;

const prunedThrough = (client: Database.Database) =>
  (client.prepare("select pruned_through from figure_changes_pruned where id = 1").pluck().get() ?? 0) as number;

/** Removes old rows of figure_changes once there are twice as many as are kept; an index behind them is built again. */
function pruneChanges(client: Database.Database) {
  const top = (client.prepare("select coalesce(max(seq), 0) from figure_changes").pluck().get() ?? 0) as number;
  if (top - prunedThrough(client) <= 2 * KEEP_CHANGES) return;
  try {
    client
      .transaction(() => {
        client.prepare("delete from figure_changes where seq <= ?").run(top - KEEP_CHANGES);
        client
          .prepare("update figure_changes_pruned set pruned_through = max(pruned_through, ?) where id = 1")
          .run(top - KEEP_CHANGES);
      })
      .immediate();
  } catch (error) {
    // a busy database: tried again on the next count; counting needs only reads
    console.warn(`figure index: old changes not removed (${(error as Error).message})`);
  }
}

function markUnusable(client: Database.Database, error: unknown) {
  console.warn(`figure index: counting in SQL instead (${(error as Error).message})`);
  indexes.set(client, { unusableSince: Date.now() });
}

/**
 * The connection's index brought up to date, inside the caller's read transaction (so what it counts is what the
 * caller's other reads see); built now if there is none (a worker builds it ahead, a chunk at a time). null: count in
 * SQL (the data cannot be indexed exactly, or the caller is inside a write of its own, whose changes the index must not
 * take in: a rollback would leave it past changes that never were).
 */
export function currentFigureIndex(client: Database.Database): FigureIndex | null {
  if (client.inTransaction && !readOnlyTransaction.has(client)) return null;
  let held = indexes.get(client);
  if (held && !(held instanceof FigureIndex)) {
    if (Date.now() - held.unusableSince < RETRY_UNUSABLE_MS) return null;
    held = undefined;
  }
  try {
    let index = held;
    if (index && !index.refresh(client)) index = undefined;
    if (!index) {
      index = FigureIndex.build(client);
      if (!index.refresh(client)) throw new Error("the log moved on while the index was built");
      indexes.set(client, index);
    }
    return index;
  } catch (error) {
    if (error instanceof Unusable) markUnusable(client, error);
    else {
      // never a failed page for an index's fault: counted in SQL, and the index built afresh next time
      console.error(`figure index: dropped after an error (${(error as Error).message})`);
      indexes.delete(client);
    }
    return null;
  }
}

/** Connections inside indexedRead's own read transaction (the only transaction the index reads its changes in). */
const readOnlyTransaction = new WeakSet<Database.Database>();

/** Runs `read` in a read transaction of its own in which currentFigureIndex may be used. */
export function indexedRead<T>(client: Database.Database, read: () => T): T {
  if (client.inTransaction) return read();
  return client.transaction(() => {
    readOnlyTransaction.add(client);
    try {
      return read();
    } finally {
      readOnlyTransaction.delete(client);
    }
  })();
}

/**
 * Builds the connection's index a chunk at a time, giving way between chunks (`nextTurn`), so a worker thread goes on
 * answering other tasks; a count that arrives meanwhile waits for this instead of building its own. An index behind
 * the changes kept is built again the same way (waited for); one worn by changes is built again while the old one is
 * still used. Also keeps figure_changes short. Never fails: a count that follows builds the index, or counts in SQL.
 */
export async function warmFigureIndex(
  client: Database.Database,
  nextTurn: () => Promise<void>,
  options: { chunk?: number } = {},
): Promise<void> {
  try {
    pruneChanges(client);
    const held = indexes.get(client);
    if (held instanceof FigureIndex) {
      if (prunedThrough(client) > held.seq) await building(client, nextTurn, options.chunk);
      else if (held.worn) void building(client, nextTurn, options.chunk);
      return;
    }
    if (held && Date.now() - held.unusableSince < RETRY_UNUSABLE_MS) return;
    await building(client, nextTurn, options.chunk);
  } catch (error) {
    console.error(`figure index: not built ahead (${(error as Error).message})`);
  }
}

function building(client: Database.Database, nextTurn: () => Promise<void>, chunk = BUILD_CHUNK): Promise<void> {
  let running = builds.get(client);
  if (running) return running;
  running = (async () => {
    try {
      const started = performance.now();
      const steps = FigureIndex.building(client, chunk);
      for (;;) {
        const s = steps.next();
        if (s.done) {
          // the newest of two is kept: a count may have built one meanwhile
          const held = indexes.get(client);
          if (!(held instanceof FigureIndex) || held.seq <= s.value.seq || held.worn) indexes.set(client, s.value);
          if (s.value.length >= 100_000)
            console.log(
              `figure index: ${s.value.length} contributions in ${Math.round(performance.now() - started)} ms`,
            );
          return;
        }
        await nextTurn();
      }
    } catch (error) {
      if (error instanceof Unusable) markUnusable(client, error);
      else console.error(`figure index: not built (${(error as Error).message})`);
    } finally {
      builds.delete(client);
    }
  })();
  builds.set(client, running);
  return running;
}

/** Forgets the connection's index (tests; a restored database). */
export function dropFigureIndex(client: Database.Database) {
  indexes.delete(client);
}
