import { Form } from "react-router";
import { FallbackNotice } from "~/components/FallbackNotice";
import { PageTitle } from "~/components/PageTitle";
import { EntryArticle } from "~/components/ysdw/EntryArticle";
import { presentEntry } from "~/components/ysdw/present";
import { getLang } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { isAcceptingAnswers } from "~/models/consultations/participant-reads.server";
import { listGroupsForPass } from "~/models/groups.server";
import { listAnsweredConsultations, listPassMessages } from "~/models/passes/holder.server";
import { getPass } from "~/models/passes/session.server";
import { listThreadsForPass } from "~/models/threads.server";
import { listEntriesForPass } from "~/models/you-said-we-did.server";
import { localize } from "~/utils/localize";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/index";
import "./pass.css";
import "~/components/ysdw/ysdw.css";

export async function loader({ request }: Route.LoaderArgs) {
  const pass = getPass(request);
  if (!pass) return { holder: null };
  const lang = getLang(request);
  const search = new URL(request.url).searchParams;
  const groups = listGroupsForPass(pass.id);
  const joined = groups.find((g) => String(g.id) === search.get("joined"));
  return {
    holder: {
      joined: joined?.name ?? null,
      left: search.get("left") === "group",
      groups: groups.map((g) => ({
        id: g.id,
        name: g.name,
        place: g.place,
        closed: g.status === "closed",
        ageBand: g.ageBand,
        locality: g.locality,
      })),
      nickname: pass.nickname,
      email: pass.email,
      canAddEmail: pass.canAddEmail,
      newNickname: new URL(request.url).searchParams.get("nickname") === "new",
      changeRefused: ((v) => (v === "closed" || v === "notYours" ? v : null))(search.get("change")),
      consultations: listAnsweredConsultations(pass.id).map((c) => {
        const title = localize(c, "title", lang);
        return {
          responseId: c.responseId,
          slug: c.slug,
          title: title.text,
          titleLang: title.fallback ? "en" : undefined,
          answeredOn: formatDate(c.answeredAt, lang),
          open: isAcceptingAnswers(c),
        };
      }),
      threads: listThreadsForPass(pass.id).map((th) => ({
        id: th.id,
        status: th.status,
        shownStatus: th.shownStatus,
        question: th.question,
        askedOn: formatDate(th.createdAt, lang),
      })),
      messages: listPassMessages(pass.id).map((m) => ({ ...m, createdOn: formatDate(m.createdAt, lang) })),
      // Every entry the holder's words fed (answers, questions, session views), in their language where translated.
      youSaid: listEntriesForPass(pass.id, { lang, version: pass.isParent ? "parents" : "children" }).map((e) => ({
        ...presentEntry(e, lang),
        isNew: e.isNew,
      })),
    },
  };
}

export default function PassPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const h = loaderData.holder;
  if (!h) return <Landing />;
  return (
    <>
      <PageTitle title={t("pass.home.title")} />
      <h1>{t("pass.home.title")}</h1>
      {h.newNickname && (
        <div className="notice" role="status">
          <p style={{ margin: 0 }}>{t("pass.nickname.changed")}</p>
        </div>
      )}
      {h.joined && (
        <div className="notice" role="status">
          <p style={{ margin: 0 }} dir="auto">
            {t("pass.groups.joined", { name: h.joined })}
          </p>
        </div>
      )}
      {h.left && (
        <div className="notice" role="status">
          <p style={{ margin: 0 }}>{t("pass.groups.left")}</p>
        </div>
      )}
      <div className="pass-card">
        <dl>
          <dt>{t("pass.words.nickname")}</dt>
          <dd className="pass-nickname">
            <span lang="en" dir="ltr">
              {h.nickname}
            </span>
          </dd>
        </dl>
      </div>

      <section className="pass-section" aria-labelledby="messages-title">
        <h2 id="messages-title">{t("pass.home.messagesTitle")}</h2>
        {h.messages.length ? (
          <ul className="card-list">
            {h.messages.map((m) => (
              <li key={m.id} className="card">
                <h3 dir="auto">{m.title}</h3>
                <p className="meta">{m.createdOn}</p>
                <p dir="auto" style={{ whiteSpace: "pre-wrap" }}>
                  {m.body}
                </p>
                {m.link && <a href={m.link}>{t("pass.home.messageOpen")}</a>}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("pass.home.messagesNone")}</p>
        )}
      </section>

      <section className="pass-section" aria-labelledby="groups-title" id="groups">
        <h2 id="groups-title">{t("pass.groups.title")}</h2>
        {h.groups.length ? (
          <>
            <ul className="card-list">
              {h.groups.map((g) => (
                <li key={g.id} className="card">
                  <h3 dir="auto">{g.name}</h3>
                  {g.closed && (
                    <p>
                      <span className="tag">{t("pass.groups.closed")}</span>
                    </p>
                  )}
                  <p className="meta" dir="auto">
                    {t("pass.groups.where", { place: g.place ?? t("join.found.whereNone") })}
                  </p>
                  <p className="meta">
                    {t("pass.groups.gave", {
                      age: g.ageBand ? t(`ageBand.${g.ageBand}`) : t("ageBand.unknown"),
                      place: g.locality ?? t("ageBand.unknown"),
                    })}
                  </p>
                  <Form method="post" action="/pass/groups/leave">
                    <input type="hidden" name="groupId" value={g.id} />
                    <p className="hint" id={`leave-${g.id}-hint`}>
                      {t("pass.groups.leaveHint")}
                    </p>
                    <button type="submit" className="button secondary" aria-describedby={`leave-${g.id}-hint`}>
                      {t("pass.groups.leave", { name: g.name })}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
            <p>
              <a href="/sessions" className="button">
                {t("pass.groups.sessions")}
              </a>
            </p>
          </>
        ) : (
          <p>{t("pass.groups.none")}</p>
        )}
        <p>
          <a href="/join" className="button secondary">
            {t("pass.groups.join")}
          </a>
        </p>
      </section>

      <section className="pass-section" aria-labelledby="questions-title" id="questions">
        <h2 id="questions-title">{t("pass.home.questionsTitle")}</h2>
        {h.threads.length ? (
          <ul className="card-list">
            {h.threads.map((th) => (
              <li key={th.id} className="card">
                <p style={{ margin: 0 }}>
                  <a href={`/pass/questions/${th.id}`} dir="auto">
                    {th.question}
                  </a>
                </p>
                <p className="meta" style={{ margin: "0.25rem 0 0" }}>
                  <span className="tag">{t(`ask.status.${th.shownStatus}`)}</span> · {th.askedOn}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("pass.home.questionsNone")}</p>
        )}
        <p>
          <a href="/ask" className="button secondary">
            {t("ask.title")}
          </a>
        </p>
      </section>

      <section className="pass-section" aria-labelledby="answered-title">
        <h2 id="answered-title">{t("pass.home.answeredTitle")}</h2>
        {h.changeRefused && (
          <div className="notice" role="alert">
            <p style={{ margin: 0 }}>{t(`pass.home.changeRefused.${h.changeRefused}`)}</p>
          </div>
        )}
        {h.consultations.length ? (
          <ul className="card-list">
            {h.consultations.map((c) => (
              <li key={c.slug} className="card">
                <h3 lang={c.titleLang} dir="auto">
                  {c.title}
                </h3>
                <p className="meta">{t("pass.home.answeredOn", { date: c.answeredOn })}</p>
                <p>
                  <span className="tag">{c.open ? t("pass.home.open") : t("pass.home.closed")}</span>
                </p>
                {c.open && (
                  <Form method="post" action="/pass/answers/change">
                    <input type="hidden" name="response" value={c.responseId} />
                    <button type="submit" className="button secondary">
                      {t("pass.home.change")}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("pass.home.answeredNone")}</p>
        )}
      </section>

      <section className="pass-section" aria-labelledby="ysdw-title" id="ysdw">
        <h2 id="ysdw-title">{t("ysdw.passTitle")}</h2>
        {h.youSaid.length ? (
          <>
            <p>
              {h.youSaid.some((y) => y.isNew)
                ? t("ysdw.passNew", { count: h.youSaid.filter((y) => y.isNew).length })
                : t("ysdw.passAllRead")}
            </p>
            <FallbackNotice show={h.youSaid.some((y) => y.fallback)} />
            <ul className="plain-list ysdw-list">
              {h.youSaid.map((y) => (
                <li key={y.id} className="card">
                  <EntryArticle
                    entry={y}
                    heading={3}
                    marker={y.isNew ? <span className="ysdw-new">{t("ysdw.new")}</span> : null}
                  >
                    <div className="ysdw-entry-links">
                      <a href={`/you-said-we-did/${y.id}`} aria-describedby={`ysdw-${y.id}-title`}>
                        {t("ysdw.readMore")}
                      </a>
                      {y.isNew && (
                        <Form method="post" action={`/you-said-we-did/${y.id}`}>
                          <button type="submit" className="button secondary" aria-describedby={`ysdw-${y.id}-title`}>
                            {t("ysdw.markRead")}
                          </button>
                        </Form>
                      )}
                    </div>
                  </EntryArticle>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t("pass.home.ysdwNone")}</p>
        )}
      </section>

      <section className="pass-section" aria-labelledby="settings-title">
        <h2 id="settings-title">{t("pass.home.settingsTitle")}</h2>
        {h.canAddEmail && (
          <>
            <h3>{t("pass.email.title")}</h3>
            {h.email ? (
              <p>
                {t("pass.home.emailIs")}{" "}
                <strong dir="ltr" style={{ overflowWrap: "anywhere" }}>
                  {h.email}
                </strong>
              </p>
            ) : (
              <p>{t("pass.home.emailNone")}</p>
            )}
            <p>
              <a href="/pass/email" className="button secondary">
                {h.email ? t("pass.home.emailChange") : t("pass.home.emailAdd")}
              </a>
            </p>
          </>
        )}
        <h3>{t("pass.nickname.title")}</h3>
        <p>{t("pass.nickname.body")}</p>
        <Form method="post" action="/pass/nickname">
          <button type="submit" className="button secondary">
            {t("pass.nickname.button")}
          </button>
        </Form>
        <h3>{t("pass.home.dataTitle")}</h3>
        <p>{t("pass.home.dataBody")}</p>
        <p>
          <a href="/pass/my-data" className="button secondary">
            {t("pass.myData.title")}
          </a>
        </p>
      </section>

      <Form method="post" action="/pass/sign-out" className="button-row">
        <button type="submit" className="button secondary">
          {t("pass.signOut")}
        </button>
      </Form>
    </>
  );
}

function Landing() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t("pass.landing.title")} />
      <h1>{t("pass.landing.title")}</h1>
      <p>{t("pass.landing.intro")}</p>
      <ul>
        <li>{t("pass.landing.point1")}</li>
        <li>{t("pass.landing.point2")}</li>
        <li>{t("pass.landing.point3")}</li>
      </ul>
      <p>{t("pass.landing.noName")}</p>
      <div className="button-row">
        <a href="/pass/new" className="button">
          {t("pass.landing.get")}
        </a>
      </div>
      <h2>{t("pass.landing.haveTitle")}</h2>
      <p>
        <a href="/pass/sign-in" className="button secondary">
          {t("pass.landing.signIn")}
        </a>
      </p>
    </>
  );
}
