import { hashPassword } from "../../app/models/staff.server";
import { staffUsers } from "../schema";
import type { Tx } from "./context";
import { addDays } from "./dates";
import { DEMO_TOTP_SECRET } from "./demo-two-factor";

export { DEMO_TOTP_SECRET };

export const DEMO_PASSWORD = "sounding-board-demo";

export const demoStaff = [
  { email: "officer@demo.test", name: "Priya Shah", role: "officer" },
  { email: "safeguarding@demo.test", name: "Tom Okafor", role: "safeguarding" },
  { email: "board@demo.test", name: "Cllr Helen Marsh", role: "board" },
  { email: "partnership@demo.test", name: "Dr Ade Martins", role: "partnership" },
  { email: "admin@demo.test", name: "Sam Reid", role: "admin" },
] as const;

export const hashDemoPasswords = () => Promise.all(demoStaff.map(() => hashPassword(DEMO_PASSWORD)));

/** The five demo accounts, one per role, with the demo password (hashed before the transaction: hashing is asynchronous). */
export function seedStaff(tx: Tx, hashes: string[], now: Date) {
  const staff = tx
    .insert(staffUsers)
    .values(
      demoStaff.map((s, i) => ({
        ...s,
        passwordHash: hashes[i],
        createdAt: addDays(now, -400).toISOString(),
        // These roles always sign in with two-factor: enrolled with the published DEMO-ONLY secret (README).
        ...(s.role === "safeguarding" || s.role === "admin"
          ? { totpSecret: DEMO_TOTP_SECRET, totpEnabledAt: addDays(now, -400).toISOString() }
          : {}),
      })),
    )
    .returning({ id: staffUsers.id, role: staffUsers.role })
    .all();
  const staffId = (role: string) => {
    const s = staff.find((x) => x.role === role);
    if (!s) throw new Error(role);
    return s.id;
  };
  const officerId = staffId("officer");
  const boardMemberId = staffId("board");
  const partnershipMemberId = staffId("partnership");
  return { officerId, boardMemberId, partnershipMemberId };
}
