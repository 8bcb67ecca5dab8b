import { bodies, meetings } from "../schema";
import type { Tx } from "./context";
import { addDays, monthYear, onWeekday, outsideHolidays, ymd } from "./dates";

/** The Board and the Partnership, each with a meeting past and a meeting to come. */
export function seedMeetings(tx: Tx, now: Date) {
  const [partnership, board] = tx
    .insert(bodies)
    .values([
      { name: "Children and Young People's Strategic Partnership", kind: "partnership" },
      { name: "Children and Young People's Board", kind: "board" },
    ])
    .returning({ id: bodies.id })
    .all();
  const meeting = (bodyId: number, name: string, on: Date, place: string) =>
    tx
      .insert(meetings)
      .values({
        bodyId,
        title: `${name} – ${monthYear(on)}`,
        meetsOn: ymd(on),
        place,
        createdAt: addDays(on, -42).toISOString(),
      })
      .returning({ id: meetings.id })
      .get().id;
  const partnershipPastOn = outsideHolidays(onWeekday(addDays(now, -84), 2));
  const boardPastOn = outsideHolidays(onWeekday(addDays(now, -63), 4));
  const boardNextOn = outsideHolidays(onWeekday(addDays(now, 18), 4));
  const partnershipNextOn = outsideHolidays(onWeekday(addDays(now, 36), 2));
  const partnershipPast = meeting(
    partnership.id,
    "Children and Young People's Strategic Partnership",
    partnershipPastOn,
    "Committee Room 2, County Hall, Wealdham",
  );
  const boardPast = meeting(
    board.id,
    "Children and Young People's Board",
    boardPastOn,
    "Council Chamber, County Hall, Wealdham",
  );
  const boardNext = meeting(
    board.id,
    "Children and Young People's Board",
    boardNextOn,
    "Council Chamber, County Hall, Wealdham",
  );
  meeting(
    partnership.id,
    "Children and Young People's Strategic Partnership",
    partnershipNextOn,
    "Brackenford Family Centre, Brackenford",
  );
  return { boardPast, boardPastOn, partnershipPast, boardNext };
}
