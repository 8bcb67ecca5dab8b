import { z } from "zod";

const schema = z
  .object({
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
    // Email to the safeguarding lead is sent only when SMTP_HOST is set.
    SMTP_HOST: z.string().trim().min(1).optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(25),
    SMTP_FROM: z.email().optional(),
    // Comma-separated; when unset, the email goes to every active safeguarding lead's account address.
    SAFEGUARDING_EMAIL: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || v.split(",").every((a) => z.email().safeParse(a.trim()).success), {
        message: "SAFEGUARDING_EMAIL must be one or more email addresses separated by commas",
      }),
    // Where staff open the service, for links in emails.
    PUBLIC_URL: z.url().optional(),
    // Nightly backups made by the running server: where, how many are kept (0: none made), and at which hour (London).
    BACKUP_DIR: z.string().min(1).optional(),
    BACKUP_KEEP: z.coerce.number().int().min(0).default(14),
    BACKUP_HOUR: z.coerce.number().int().min(0).max(23).default(2),
  })
  .refine((e) => !e.SMTP_HOST || e.SMTP_FROM, {
    message: "SMTP_FROM is needed when SMTP_HOST is set",
    path: ["SMTP_FROM"],
  });

export const env = schema.parse(process.env);

/** Demo mode lists the demo accounts on the sign-in page. It is on unless NODE_ENV=production and DEMO is unset. */
export const demoMode = env.NODE_ENV !== "production" || Boolean(env.DEMO);
export const isProduction = env.NODE_ENV === "production";
