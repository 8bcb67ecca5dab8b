import { outcomes, plans, priorities, targets } from "../schema";
import type { Tx } from "./context";

export type OutcomeKey =
  | "be-healthy"
  | "stay-safe"
  | "enjoy-and-achieve"
  | "positive-contribution"
  | "economic-wellbeing";

/** A target as the performance framework gives it: the indicator's code (NI numbers from the national indicator set where
 * one fits, "L" for local ones), baseline, target, latest value and when it was measured, and the group that leads. */
type TargetSpec = {
  code: string | null;
  indicator: string;
  baseline: string;
  target: string;
  current: string | null;
  latestOn: string | null;
  lead: string;
};

const outcomeSpecs: {
  key: OutcomeKey;
  title: string;
  childTitle: string;
  priorities: { title: string; targets?: TargetSpec[] }[];
}[] = [
  {
    key: "be-healthy",
    title: "Be healthy",
    childTitle: "Being healthy",
    priorities: [
      {
        title: "Emotional wellbeing and mental health",
        targets: [
          {
            code: "NI 51",
            indicator: "Young people waiting more than 18 weeks for a first CAMHS appointment",
            baseline: "31%",
            target: "10%",
            current: "24%",
            latestOn: "2026-09-30",
            lead: "Emotional Wellbeing Group",
          },
          {
            code: "NI 50",
            indicator: "Pupils in Years 6, 8 and 10 with good emotional health (Wealdshire school survey)",
            baseline: "61%",
            target: "70%",
            current: "63%",
            latestOn: "2026-07-15",
            lead: "Emotional Wellbeing Group",
          },
        ],
      },
      {
        title: "Healthy weight: tackling overweight and obesity",
        targets: [
          {
            code: "NI 56",
            indicator: "Children in Year 6 above a healthy weight",
            baseline: "35.2%",
            target: "32.0%",
            current: "34.1%",
            latestOn: "2026-06-30",
            lead: "Tackling Obesity Strategy Group",
          },
        ],
      },
      {
        title: "Teenage pregnancy and young people's sexual health",
        targets: [
          {
            code: "NI 112",
            indicator: "Under-18 conceptions per 1,000 young women aged 15–17",
            baseline: "14.8",
            target: "11.0",
            current: "12.9",
            latestOn: "2026-03-31",
            lead: "Teenage Pregnancy Partnership Board",
          },
        ],
      },
      {
        title: "Substance misuse: drugs and alcohol",
        targets: [
          {
            code: "NI 115",
            indicator: "Young people who say they misused drugs or alcohol in the last month",
            baseline: "9.6%",
            target: "7.5%",
            current: "8.8%",
            latestOn: "2026-07-15",
            lead: "Drug and Alcohol Action Team (DAAT)",
          },
        ],
      },
    ],
  },
  {
    key: "stay-safe",
    title: "Stay safe",
    childTitle: "Feeling safe",
    priorities: [
      {
        title: "Emotional wellbeing and anti-bullying",
        targets: [
          {
            code: "NI 69",
            indicator: "Pupils who say they were bullied at school in the last year (Wealdshire school survey)",
            baseline: "27%",
            target: "20%",
            current: "25%",
            latestOn: "2026-07-15",
            lead: "Emotional Wellbeing Group",
          },
        ],
      },
      {
        title: "Safe journeys and safer streets",
        targets: [
          {
            code: "NI 48",
            indicator: "Children killed or seriously injured on Wealdshire roads (per year)",
            baseline: "41",
            target: "30",
            current: "36",
            latestOn: "2025-12-31",
            lead: "Road Safety Partnership",
          },
        ],
      },
      {
        title: "Children looked after: stable homes and care leavers' support",
        targets: [
          {
            code: "NI 62",
            indicator: "Children looked after with three or more placements in the year",
            baseline: "11.4%",
            target: "9.0%",
            current: "10.2%",
            latestOn: "2026-03-31",
            lead: "Corporate Parenting Group",
          },
          {
            code: "NI 147",
            indicator: "Care leavers aged 19 in suitable accommodation",
            baseline: "84%",
            target: "95%",
            current: "88%",
            latestOn: "2026-03-31",
            lead: "Corporate Parenting Group",
          },
        ],
      },
    ],
  },
  {
    key: "enjoy-and-achieve",
    title: "Enjoy and achieve",
    childTitle: "Learning and having fun",
    priorities: [
      {
        title: "Places to go and things to do",
        targets: [
          {
            code: "NI 110",
            indicator: "Young people aged 13–19 taking part in positive activities",
            baseline: "62%",
            target: "70%",
            current: "65%",
            latestOn: "2026-07-15",
            lead: "Youth Offer Group",
          },
        ],
      },
      {
        title: "Educational achievement of vulnerable groups",
        targets: [
          {
            code: "NI 101",
            indicator: "Children in care achieving grade 4 or above in English and maths",
            baseline: "19%",
            target: "30%",
            current: "23%",
            latestOn: "2026-08-21",
            lead: "Corporate Parenting Group",
          },
        ],
      },
      {
        title: "14–19 learning: choice and quality of courses",
        targets: [
          {
            code: "NI 79",
            indicator: "Young people with a Level 2 qualification by the age of 19",
            baseline: "78%",
            target: "85%",
            current: "80%",
            latestOn: "2026-03-31",
            lead: "14–19 Strategy Group",
          },
        ],
      },
      { title: "Short breaks and inclusive activities for disabled children" },
    ],
  },
  {
    key: "positive-contribution",
    title: "Make a positive contribution",
    childTitle: "Having your say",
    priorities: [
      {
        title: "Children and young people have their say and see what happened next",
        targets: [
          {
            code: "L 1",
            indicator: "Consultations with a published 'you said, we did' within three months of closing",
            baseline: "40%",
            target: "100%",
            current: null,
            latestOn: null,
            lead: "Active Involvement Group",
          },
        ],
      },
      {
        title: "Young carers",
        targets: [
          {
            code: "L 2",
            indicator: "Young carers known to and supported by a young carers service",
            baseline: "310",
            target: "500",
            current: "402",
            latestOn: "2026-09-30",
            lead: "Young Carers Steering Group",
          },
        ],
      },
      {
        title: "Fewer first-time entrants to the youth justice system",
        targets: [
          {
            code: "NI 111",
            indicator: "First-time entrants to the youth justice system aged 10–17, per 100,000",
            baseline: "262",
            target: "220",
            current: "241",
            latestOn: "2026-06-30",
            lead: "Youth Offending Service Board",
          },
        ],
      },
    ],
  },
  {
    key: "economic-wellbeing",
    title: "Achieve economic well-being",
    childTitle: "Getting ready for the future",
    priorities: [
      {
        title: "Education, employment or training for 16–19-year-olds",
        targets: [
          {
            code: "NI 117",
            indicator: "16–17-year-olds not in education, employment or training (NEET)",
            baseline: "5.1%",
            target: "3.5%",
            current: "4.6%",
            latestOn: "2026-09-30",
            lead: "14–19 Strategy Group",
          },
        ],
      },
      {
        title: "Transition to adult services",
        targets: [
          {
            code: "L 3",
            indicator: "Young people with an EHC plan who have a transition plan by Year 10",
            baseline: "62%",
            target: "95%",
            current: "78%",
            latestOn: "2026-06-30",
            lead: "Disabled Children's Group",
          },
        ],
      },
      {
        title: "Reducing child poverty",
        targets: [
          {
            code: "NI 116",
            indicator: "Children living in relative low-income families",
            baseline: "17.9%",
            target: "15.0%",
            current: "17.2%",
            latestOn: "2026-03-31",
            lead: "Child Poverty Task and Finish Group",
          },
        ],
      },
    ],
  },
];

type OutcomeSpec = (typeof outcomeSpecs)[number];

/** The previous plan, kept read-only with its final figures, so a retired plan can be seen as it ended. */
const previousSpecs: OutcomeSpec[] = [
  {
    key: "be-healthy",
    title: "Be healthy",
    childTitle: "Being healthy",
    priorities: [
      {
        title: "Healthy schools and healthy eating",
        targets: [
          {
            code: "NI 56",
            indicator: "Children in Year 6 above a healthy weight",
            baseline: "36.0%",
            target: "34.0%",
            current: "35.2%",
            latestOn: "2024-06-30",
            lead: "Tackling Obesity Strategy Group",
          },
        ],
      },
      { title: "Teenage pregnancy" },
    ],
  },
  {
    key: "stay-safe",
    title: "Stay safe",
    childTitle: "Feeling safe",
    priorities: [{ title: "Anti-bullying in schools" }],
  },
  {
    key: "enjoy-and-achieve",
    title: "Enjoy and achieve",
    childTitle: "Learning and having fun",
    priorities: [{ title: "The youth offer: places to go" }],
  },
  {
    key: "positive-contribution",
    title: "Make a positive contribution",
    childTitle: "Having your say",
    priorities: [{ title: "Participation of children and young people" }],
  },
  {
    key: "economic-wellbeing",
    title: "Achieve economic well-being",
    childTitle: "Getting ready for the future",
    priorities: [{ title: "Fewer young people not in education, employment or training" }],
  },
];

export type Framework = {
  outcomeId: Record<OutcomeKey, number>;
  priorityId: (title: string) => number;
};

function seedOutcomes(tx: Tx, planId: number, specs: OutcomeSpec[]) {
  const outcomeId = {} as Record<OutcomeKey, number>;
  const priorityIds = new Map<string, number>();
  specs.forEach((o, i) => {
    const id = tx
      .insert(outcomes)
      .values({ planId, key: o.key, title: o.title, childTitle: o.childTitle, position: i + 1 })
      .returning({ id: outcomes.id })
      .get().id;
    outcomeId[o.key] = id;
    o.priorities.forEach((p, j) => {
      const pid = tx
        .insert(priorities)
        .values({ outcomeId: id, title: p.title, position: j + 1 })
        .returning({ id: priorities.id })
        .get().id;
      priorityIds.set(p.title, pid);
      if (p.targets?.length) {
        tx.insert(targets)
          .values(
            p.targets.map((t) => ({
              priorityId: pid,
              indicator: t.indicator,
              code: t.code,
              baseline: t.baseline,
              target: t.target,
              currentValue: t.current,
              latestOn: t.latestOn,
              leadGroup: t.lead,
            })),
          )
          .run();
      }
    });
  });
  return { outcomeId, priorityIds };
}

/** The CYPP framework: the previous plan kept read-only, the current one active. */
export function seedPlan(tx: Tx): Framework {
  const previousId = tx
    .insert(plans)
    .values({
      title: "Children and Young People's Plan 2022–25",
      startsOn: "2022-04-01",
      endsOn: "2025-03-31",
      active: false,
    })
    .returning({ id: plans.id })
    .get().id;
  seedOutcomes(tx, previousId, previousSpecs);
  const planId = tx
    .insert(plans)
    .values({
      title: "Children and Young People's Plan 2025–28",
      startsOn: "2025-04-01",
      endsOn: "2028-03-31",
      active: true,
    })
    .returning({ id: plans.id })
    .get().id;
  const { outcomeId, priorityIds } = seedOutcomes(tx, planId, outcomeSpecs);
  return {
    outcomeId,
    priorityId: (title) => {
      const id = priorityIds.get(title);
      if (!id) throw new Error(`no priority ${title}`);
      return id;
    },
  };
}
