// Prints the current two-factor code of the demo safeguarding lead and administrator (DEMO ONLY: their secret is public).
import { Secret, TOTP } from "otpauth";
import { DEMO_TOTP_SECRET } from "../db/seed/demo-two-factor";

const who = process.argv[2] ?? "admin";
if (who !== "admin" && who !== "safeguarding") {
  console.error("Usage: npm run demo:code -- admin|safeguarding");
  process.exit(1);
}
const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(DEMO_TOTP_SECRET) });
const left = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(`${totp.generate()}  (${who}@demo.test, valid for ${left} more seconds)`);
