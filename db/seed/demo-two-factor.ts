/**
 * DEMO ONLY: the two-factor secret of the demo safeguarding lead and administrator. It is published in the README so
 * anyone trying the demo (and the e2e suite) can make the current code with `npm run demo:code -- admin`.
 * Never give a real account this secret.
 */
export const DEMO_TOTP_SECRET = "KRSXG5CTMVRXEZLUKNXXK3TENFXGOQTPMFZGI4ZB";
