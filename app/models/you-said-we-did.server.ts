import { desc, eq } from "drizzle-orm";
import { getDb } from "~db/client";
import { agendaItems, boardResponses, meetings, outcomes, youSaidWeDid } from "~db/schema";

// "You said, we did": what the Board did, told to the people who spoke.

/** Published "you said, we did" entries, newest first, with the outcome in children's words. */
export function listYouSaidWeDid(limit = 50) {
  return getDb()
    .select({
      id: youSaidWeDid.id,
      youSaid: youSaidWeDid.youSaid,
      weDid: youSaidWeDid.weDid,
      youSaidParents: youSaidWeDid.youSaidParents,
      weDidParents: youSaidWeDid.weDidParents,
      publishedAt: youSaidWeDid.publishedAt,
      outcome: outcomes.childTitle,
      meetingTitle: meetings.title,
    })
    .from(youSaidWeDid)
    .innerJoin(boardResponses, eq(boardResponses.id, youSaidWeDid.boardResponseId))
    .innerJoin(agendaItems, eq(agendaItems.id, boardResponses.agendaItemId))
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .leftJoin(outcomes, eq(outcomes.id, youSaidWeDid.outcomeId))
    .orderBy(desc(youSaidWeDid.publishedAt), desc(youSaidWeDid.id))
    .limit(limit)
    .all();
}
