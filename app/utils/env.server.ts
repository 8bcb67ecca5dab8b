import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().positive().default(3000),
  DATABASE_PATH: z.string().min(1).default("data/sounding-board.db"),
  DEMO: z.string().optional(),
  SIGNIN_WINDOW_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60 * 1000),
  SIGNIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  SESSION_HOURS: z.coerce.number().positive().default(8),
});

export const env = schema.parse(process.env);

/** Demo mode lists the demo accounts on the sign-in page. It is on unless NODE_ENV=production and DEMO is unset. */
export const demoMode = env.NODE_ENV !== "production" || Boolean(env.DEMO);
export const isProduction = env.NODE_ENV === "production";
