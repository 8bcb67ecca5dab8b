import { eq, sql } from "drizzle-orm";
import { recordBoardResponse } from "../../app/models/board.server";
import {
  candidateQuotes,
  computeFigures,
  createSummary,
  type SummaryScope as Scope,
} from "../../app/models/summaries.server";
import { countyDayStart, countyToday } from "../../app/utils/time";
import { agendaItems, contributionChoices, contributions } from "../schema";
import type { SeedConsultation } from "./consultations";
import type { Tx } from "./context";
import { addDays, addHours, ymd } from "./dates";
import type { Framework } from "./plan";
import { optionId } from "./responses";

/** The Board meeting that heard about youth clubs: summary, agenda, the Board's response and "you said, we did". */
export function seedBoardMeeting(
  tx: Tx,
  fw: Framework,
  people: { officerId: number; boardMemberId: number },
  heard: { clubs: SeedConsultation; clubOpens: Date; clubCloses: Date; clubResponses: number },
  met: { boardPast: number; boardPastOn: Date; partnershipPast: number },
) {
  const outcomeId = fw.outcomeId;
  const { officerId, boardMemberId } = people;
  const { clubs, clubOpens, clubCloses, clubResponses } = heard;
  const { boardPast, boardPastOn, partnershipPast } = met;
  const scope: Scope = {
    from: clubOpens.toISOString(),
    to: clubCloses.toISOString(),
    outcomeIds: [outcomeId["enjoy-and-achieve"], outcomeId["positive-contribution"]],
  };
  const figures = computeFigures(scope, tx);
  const share = (label: string) => {
    const row = tx
      .select({ n: sql<number>`count(distinct ${contributions.responseId})` })
      .from(contributionChoices)
      .innerJoin(contributions, eq(contributions.id, contributionChoices.contributionId))
      .where(eq(contributionChoices.optionId, optionId(clubs.questions[2], label)))
      .get();
    return Math.round(((row?.n ?? 0) * 100) / clubResponses);
  };
  const enjoyment = figures.outcomes.find((o) => o.outcomeId === outcomeId["enjoy-and-achieve"]);
  const ratedGood = enjoyment?.scaleAnswers ? Math.round((enjoyment.positive * 100) / enjoyment.scaleAnswers) : 0;
  const summaryTitle = "What young people told us about youth clubs";
  // Quotes are chosen as an officer would: from the model's own candidates, none with a detail removed.
  const candidates = candidateQuotes(scope, 1000, tx)
    .filter((c) => c.text && !c.text.includes("[removed]"))
    .sort((a, b) => a.id - b.id);
  const quoteIds: number[] = [];
  for (const re of [/shuts at 7/, /bus there and back|last bus/, /help run it|young carer/]) {
    const q = candidates.find((c) => c.text && re.test(c.text) && !quoteIds.includes(c.id));
    if (q) quoteIds.push(q.id);
  }
  const { itemId: decisionItem } = createSummary(
    {
      staffId: officerId,
      meetingId: boardPast,
      title: summaryTitle,
      scope,
      keyMessage: `Young people value their youth clubs and the youth workers who run them, but ${share("It closes too early")}% said clubs close too early and ${share("It costs too much to get there")}% that they cost too much to get to, most of all from villages. Only ${ratedGood}% rated the things to do where they live as good, and older teenagers find little for them.`,
      recommendation:
        "That the Board asks the Youth Service to open three youth clubs until 9pm on Fridays, and supports a one-year trial of free bus travel to youth clubs for 11–19-year-olds.",
      quoteIds,
      kind: "decision",
      createdAt: addDays(boardPastOn, -12).toISOString(),
    },
    tx,
  );
  tx.insert(agendaItems)
    .values({
      meetingId: boardPast,
      summaryId: null,
      title: "Sounding Board for Children and Young People: annual report",
      kind: "information",
      position: 2,
      exceptionFlags: [],
    })
    .run();
  tx.insert(agendaItems)
    .values({
      meetingId: partnershipPast,
      summaryId: null,
      title: "Healthy weight: exception report on Year 6 measurements",
      kind: "information",
      position: 1,
      exceptionFlags: [],
    })
    .run();
  recordBoardResponse(
    {
      staffId: boardMemberId,
      agendaItemId: decisionItem,
      decision:
        "The Board agreed the recommendation. Ashcombe, Wealdham East and Brackenford youth clubs will open until 9pm on Fridays from next term, and 11–19-year-olds will get free bus travel to and from youth clubs for a one-year trial.",
      youSaid: "You said youth clubs close too early and cost too much to get to.",
      weDid:
        "We are keeping three youth clubs open until 9pm on Fridays: Ashcombe, Wealdham East and Brackenford. And we are giving free bus passes for getting to youth clubs, for one year to start with. We will tell you how it is going in six months.",
      youSaidParents:
        "Young people told us that youth clubs close too early, that bus fares stop them going, and that there is too little for older teenagers.",
      weDidParents:
        "The Children and Young People's Board agreed that Ashcombe, Wealdham East and Brackenford youth clubs will open until 9pm on Fridays, and that 11–19-year-olds will travel free by bus to and from youth clubs during a one-year trial. Progress will be reported back in six months.",
      // Two actions, each with a lead agency, an owner and a date: Friday opening is done, the bus trial under way.
      actions: [
        {
          description: "Extend Friday opening until 9pm at Ashcombe, Wealdham East and Brackenford youth clubs.",
          leadAgency: "Wealdshire County Council Youth Service",
          owner: "Head of Youth Service",
          dueOn: ymd(addDays(boardPastOn, 35)),
          status: "done",
          updatedAt: addDays(boardPastOn, 31).toISOString(),
        },
        {
          description:
            "Set up a one-year trial of free bus travel to youth clubs for 11–19-year-olds with the bus companies, and report costs to the Partnership.",
          leadAgency: "Wealdshire County Council Passenger Transport",
          owner: "Passenger Transport Manager",
          dueOn: ymd(addDays(boardPastOn, 150)),
          status: "in_progress",
          updatedAt: addDays(boardPastOn, 20).toISOString(),
        },
      ],
      translations: {
        pl: {
          youSaid: "Powiedzieliście, że kluby młodzieżowe zamykają się za wcześnie, a dojazd do nich kosztuje za dużo.",
          weDid:
            "Trzy kluby młodzieżowe będą otwarte w piątki do 21:00: Ashcombe, Wealdham East i Brackenford. Na początek przez rok dajemy też darmowe bilety autobusowe na dojazd do klubów. Za sześć miesięcy powiemy wam, jak idzie.",
          youSaidParents:
            "Młodzi ludzie powiedzieli nam, że kluby młodzieżowe zamykają się za wcześnie, że ceny biletów autobusowych nie pozwalają im tam jeździć i że dla starszych nastolatków jest za mało zajęć.",
          weDidParents:
            "Rada ds. Dzieci i Młodzieży zgodziła się, że kluby młodzieżowe w Ashcombe, Wealdham East i Brackenford będą otwarte w piątki do 21:00, a młodzież w wieku 11–19 lat przez rok próbnie będzie jeździć autobusem do klubów i z powrotem za darmo. O postępach poinformujemy za sześć miesięcy.",
        },
        ar: {
          youSaid: "قلتم إن نوادي الشباب تُغلق مبكرًا جدًا وإن الوصول إليها مكلف جدًا.",
          weDid:
            "سنُبقي ثلاثة نوادٍ للشباب مفتوحة حتى الساعة 9 مساءً أيام الجمعة: أشكومب وويلدهام إيست وبراكنفورد. وسنعطي تذاكر حافلات مجانية للذهاب إلى نوادي الشباب لمدة سنة كبداية. سنخبركم كيف تسير الأمور بعد ستة أشهر.",
          youSaidParents:
            "أخبرنا الشباب أن نوادي الشباب تُغلق مبكرًا جدًا، وأن أجرة الحافلات تمنعهم من الذهاب، وأن هناك القليل جدًا للمراهقين الأكبر سنًا.",
          weDidParents:
            "وافق مجلس الأطفال والشباب على أن تبقى نوادي الشباب في أشكومب وويلدهام إيست وبراكنفورد مفتوحة حتى الساعة 9 مساءً أيام الجمعة، وأن يسافر الشباب من عمر 11 إلى 19 سنة مجانًا بالحافلة من وإلى نوادي الشباب خلال تجربة مدتها سنة. سيتم تقديم تقرير عن التقدم بعد ستة أشهر.",
        },
      },
    },
    { db: tx, at: addHours(boardPastOn, 16.5).toISOString() },
  );
}

/**
 * The next Board's agenda: an interim summary of the travel consultation since the 42 bus stopped running after 5pm.
 * Its exception flag (Stay safe, worse) is worked out by the model from the answers, as for any officer's summary.
 */
export function seedInterimSummary(
  tx: Tx,
  now: Date,
  fw: Framework,
  officerId: number,
  met: { boardNext: number },
  busCut: Date,
) {
  // Whole days in the county, as an officer's summary form gives them: from the cut to the end of today.
  const scope: Scope = {
    from: busCut.toISOString(),
    to: countyDayStart(countyToday(now), 1),
    outcomeIds: [fw.outcomeId["stay-safe"]],
  };
  createSummary(
    {
      staffId: officerId,
      meetingId: met.boardNext,
      title: "Feeling safe on the way to school: what young people said since the 42 bus changed",
      scope,
      keyMessage:
        "Since the 42 bus stopped running after 5pm, fewer young people say they feel safe on the way to and from school. Those who stay for after-school clubs now walk along unlit roads or wait a long time.",
      recommendation:
        "That the Board asks Passenger Transport to review the 42's evening timetable with the bus company, and reports back to the Sounding Board.",
      quoteIds: [],
      kind: "decision",
      createdAt: addHours(now, -2).toISOString(),
    },
    tx,
  );
}
