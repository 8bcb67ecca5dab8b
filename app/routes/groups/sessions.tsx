import { PageTitle } from "~/components/PageTitle";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { getPass } from "~/models/passes/session.server";
import { listSessionsForPass, sessionGroupsOf } from "~/models/sessions.server";
import { formatDate, formatTime } from "~/utils/time";
import type { Route } from "./+types/sessions";

export async function loader({ request }: Route.LoaderArgs) {
  const pass = getPass(request);
  if (!pass) return { signedIn: false as const };
  const lang = getLang(request);
  const now = new Date().toISOString();
  const rows = listSessionsForPass(pass.id).map((s) => ({
    id: s.id,
    title: s.title,
    day: formatDate(s.startsAt, lang),
    from: formatTime(s.startsAt, lang),
    to: formatTime(s.endsAt, lang),
    place: s.place,
    online: Boolean(s.onlineUrl),
    cancelled: s.status === "cancelled",
    groups: sessionGroupsOf(s.id).map((g) => g.name),
    upcoming: s.status !== "closed" && s.endsAt > now,
    heard: Boolean(s.summarySentAt),
  }));
  return {
    signedIn: true as const,
    upcoming: rows.filter((s) => s.upcoming),
    // Newest first: what was heard most recently is what they came to read.
    heard: rows.filter((s) => s.heard).reverse(),
  };
}

type Row = Extract<Awaited<ReturnType<typeof loader>>, { signedIn: true }>["upcoming"][number];

function SessionCard({ s }: { s: Row }) {
  const { t } = useTranslation();
  return (
    <li className="card">
      <h3 dir="auto">
        <a href={`/sessions/${s.id}`}>{s.title}</a>
      </h3>
      {s.cancelled && (
        <p>
          <span className="tag escalated">{t("sessions.cancelled")}</span>
        </p>
      )}
      <p className="meta">{t("sessions.when", { day: s.day, from: s.from, to: s.to })}</p>
      <p className="meta" dir="auto">
        {s.place ?? (s.online ? t("sessions.online") : "")}
      </p>
      <p className="meta" dir="auto">
        {t("sessions.groups", { groups: s.groups.join(", ") })}
      </p>
    </li>
  );
}

export default function Sessions({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  if (!p.signedIn) {
    return (
      <>
        <PageTitle title={t("sessions.title")} />
        <h1>{t("sessions.title")}</h1>
        <p>{t("sessions.about.body")}</p>
        <p>{t("sessions.about.how")}</p>
        <div className="button-row">
          <a href="/join" className="button">
            {t("sessions.about.join")}
          </a>
          <a href={`/pass/sign-in?next=${encodeURIComponent("/sessions")}`} className="button secondary">
            {t("sessions.about.signIn")}
          </a>
        </div>
      </>
    );
  }
  return (
    <>
      <PageTitle title={t("sessions.title")} />
      <h1>{t("sessions.title")}</h1>
      <p>{t("sessions.about.body")}</p>
      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t("sessions.upcomingTitle")}</h2>
        {p.upcoming.length ? (
          <ul className="card-list">
            {p.upcoming.map((s) => (
              <SessionCard key={s.id} s={s} />
            ))}
          </ul>
        ) : (
          <p>{t("sessions.upcomingNone")}</p>
        )}
      </section>
      <section aria-labelledby="heard-title">
        <h2 id="heard-title">{t("sessions.heardTitle")}</h2>
        {p.heard.length ? (
          <ul className="card-list">
            {p.heard.map((s) => (
              <SessionCard key={s.id} s={s} />
            ))}
          </ul>
        ) : (
          <p>{t("sessions.heardNone")}</p>
        )}
      </section>
      <p>
        <a href="/join" className="button secondary">
          {t("sessions.joinAnother")}
        </a>
      </p>
    </>
  );
}
