import { outcomes, plans, priorities, targets } from "../schema";
import type { Tx } from "./context";

export type OutcomeKey =
  | "be-healthy"
  | "stay-safe"
  | "enjoy-and-achieve"
  | "positive-contribution"
  | "economic-wellbeing";

type TargetSpec = { indicator: string; baseline: string; target: string; current: string | null };

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
            indicator: "Young people waiting more than 18 weeks for a first CAMHS appointment",
            baseline: "31%",
            target: "10%",
            current: "24%",
          },
        ],
      },
      {
        title: "Healthy weight: tackling overweight and obesity",
        targets: [
          {
            indicator: "Children in Year 6 above a healthy weight",
            baseline: "35.2%",
            target: "32.0%",
            current: "34.1%",
          },
        ],
      },
      {
        title: "Teenage pregnancy and young people's sexual health",
        targets: [
          {
            indicator: "Under-18 conceptions per 1,000 young women aged 15–17",
            baseline: "14.8",
            target: "11.0",
            current: "12.9",
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
            indicator: "Pupils who say they were bullied at school in the last year (Wealdshire school survey)",
            baseline: "27%",
            target: "20%",
            current: "25%",
          },
        ],
      },
      {
        title: "Safe journeys and safer streets",
        targets: [
          {
            indicator: "Children killed or seriously injured on Wealdshire roads (per year)",
            baseline: "41",
            target: "30",
            current: "36",
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
            indicator: "Young people aged 13–19 in contact with the youth service",
            baseline: "18%",
            target: "25%",
            current: "21%",
          },
        ],
      },
      {
        title: "Educational achievement of vulnerable groups",
        targets: [
          {
            indicator: "Children in care achieving grade 4 or above in English and maths",
            baseline: "19%",
            target: "30%",
            current: "23%",
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
            indicator: "Consultations with a published 'you said, we did' within three months of closing",
            baseline: "40%",
            target: "100%",
            current: null,
          },
        ],
      },
      {
        title: "Young carers",
        targets: [
          {
            indicator: "Young carers known to and supported by a young carers service",
            baseline: "310",
            target: "500",
            current: "402",
          },
        ],
      },
      { title: "Fewer first-time entrants to the youth justice system" },
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
            indicator: "16–17-year-olds not in education, employment or training (NEET)",
            baseline: "5.1%",
            target: "3.5%",
            current: "4.6%",
          },
        ],
      },
      {
        title: "Transition to adult services",
        targets: [
          {
            indicator: "Young people with an EHC plan who have a transition plan by Year 10",
            baseline: "62%",
            target: "95%",
            current: "78%",
          },
        ],
      },
    ],
  },
];

export type Framework = {
  outcomeId: Record<OutcomeKey, number>;
  priorityId: (title: string) => number;
};

/** The CYPP framework: the previous plan kept, the current one active. */
export function seedPlan(tx: Tx): Framework {
  tx.insert(plans)
    .values({
      title: "Children and Young People's Plan 2022–25",
      startsOn: "2022-04-01",
      endsOn: "2025-03-31",
      active: false,
    })
    .run();
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
  const outcomeId = {} as Record<OutcomeKey, number>;
  const priorityIds = new Map<string, number>();
  outcomeSpecs.forEach((o, i) => {
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
              baseline: t.baseline,
              target: t.target,
              currentValue: t.current,
            })),
          )
          .run();
      }
    });
  });
  return {
    outcomeId,
    priorityId: (title) => {
      const id = priorityIds.get(title);
      if (!id) throw new Error(`no priority ${title}`);
      return id;
    },
  };
}
