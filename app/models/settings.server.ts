// Settings an admin changes while the service runs. Each key has its own zod schema and default, so a missing or
// damaged row reads as the default rather than failing a page.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { type Conn, getDb } from "~db/client";
import { appSettings } from "~db/schema";

const schemas = {
  /** When true every staff role needs two-factor sign-in; the safeguarding lead and admins always do. */
  twoFactorAllRoles: z.boolean(),
  /** Staff session limits: idle minutes without a request, and the absolute hours from sign-in. */
  staffSession: z.object({
    idleMinutes: z.number().int().min(5).max(240),
    absoluteHours: z.number().int().min(1).max(24),
  }),
  /**
   * How long participants' free text is kept, in months after it was sent (null: kept until deleted by hand).
   * Older words are anonymised by the daily retention job; counts and frozen masked quotes stay.
   */
  retention: z.object({
    freeTextMonths: z.number().int().min(1).max(120).nullable(),
    /**
     * Words under a safeguarding case follow the lead's own policy, not the general one: kept while the case is open,
     * then this many months after it closed (null: kept until removed by hand). Missing in rows saved before it existed.
     */
    safeguardingMonths: z.number().int().min(12).max(300).nullable().default(72),
  }),
} as const;

export type SettingKey = keyof typeof schemas;
export type SettingValue<K extends SettingKey> = z.infer<(typeof schemas)[K]>;

export const settingDefaults: { [K in SettingKey]: SettingValue<K> } = {
  twoFactorAllRoles: false,
  staffSession: { idleMinutes: 30, absoluteHours: 10 },
  retention: { freeTextMonths: 24, safeguardingMonths: 72 },
};

export function getSetting<K extends SettingKey>(key: K, db: Conn = getDb()): SettingValue<K> {
  const row = db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key)).get();
  if (!row) return settingDefaults[key];
  try {
    const parsed = schemas[key].safeParse(JSON.parse(row.value));
    return parsed.success ? (parsed.data as SettingValue<K>) : settingDefaults[key];
  } catch {
    return settingDefaults[key];
  }
}

export function setSetting<K extends SettingKey>(
  key: K,
  value: SettingValue<K>,
  staffId: number | null,
  db: Conn = getDb(),
) {
  const checked = schemas[key].parse(value);
  const now = new Date().toISOString();
  db.insert(appSettings)
    .values({ key, value: JSON.stringify(checked), updatedAt: now, updatedBy: staffId })
    .onConflictDoUpdate({
      target: appSettings.key,
      set: { value: JSON.stringify(checked), updatedAt: now, updatedBy: staffId },
    })
    .run();
}
