import nodemailer, { type Transporter } from "nodemailer";
import { env } from "./env.server";

let transport: Transporter | undefined;

export function mailConfigured() {
  return Boolean(env.SMTP_HOST && env.SMTP_FROM);
}

/** Sends one plain-text email. Resolves false (and logs) when SMTP is not configured or the server refuses it. */
export async function sendMail(message: { to: string[]; subject: string; text: string }) {
  if (!mailConfigured() || message.to.length === 0) return false;
  transport ??= nodemailer.createTransport({
    host: env.SMTP_HOST,
    port: env.SMTP_PORT,
    secure: env.SMTP_PORT === 465,
    connectionTimeout: 10_000,
  });
  try {
    await transport.sendMail({ from: env.SMTP_FROM, ...message });
    return true;
  } catch (error) {
    console.error("Email not sent:", error instanceof Error ? error.message : error);
    return false;
  }
}

export function publicUrl(path: string) {
  return new URL(path, env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).toString();
}
