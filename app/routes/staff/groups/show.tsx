import { data, Form, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { formatWhen } from "~/components/CaseContext";
import { GroupForm } from "~/components/groups/GroupForm";
import { PageTitle } from "~/components/PageTitle";
import { TableScroll } from "~/components/ui/TableScroll";
import { getLang, getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import {
  formatJoinCode,
  GroupError,
  getGroup,
  groupReach,
  listFacilitators,
  listMembers,
  renewJoinCode,
  setGroupOpen,
  updateGroup,
} from "~/models/groups.server";
import { listLocalities } from "~/models/reference.server";
import { listSessionsForGroup } from "~/models/sessions.server";
import { publicUrl } from "~/utils/mail.server";
import { protectCount, protectCounts } from "~/utils/suppression";
import { formatDate } from "~/utils/time";
import type { Route } from "./+types/show";
import { readGroupForm } from "./form.server";

function page(request: Request, id: string) {
  if (!/^\d{1,9}$/.test(id)) throw data(null, { status: 404 });
  const group = getGroup(Number(id));
  if (!group) throw data(null, { status: 404 });
  const lang = getLang(request);
  const reach = groupReach(group.id);
  const code = formatJoinCode(group.joinCode);
  return {
    group: {
      ...group,
      joinCode: code,
      joinUrl: publicUrl(`/join?code=${code}`),
      renewedOn: group.codeRenewedAt ? formatDate(group.codeRenewedAt, lang) : null,
    },
    // An officer's own live list: nicknames and age bands only.
    members: listMembers(group.id).map((m) => ({ ...m, joinedOn: formatDate(m.joinedAt, lang) })),
    // Counts beside their total: one hidden count cannot be worked out by subtraction (protectCounts).
    reach: (() => {
      const bands = protectCounts(reach.bands.map((b) => b.n));
      const places = protectCounts(reach.localities.map((l) => l.n));
      return {
        total: protectCount(reach.total),
        bands: reach.bands.map((b, i) => ({ band: b.band, n: bands[i] })),
        localities: reach.localities.map((l, i) => ({ locality: l.locality, n: places[i] })),
      };
    })(),
    sessions: listSessionsForGroup(group.id).map((s) => ({ ...s, when: formatWhen(s.startsAt, lang) })),
    localities: listLocalities(),
    facilitators: listFacilitators(),
    done: new URL(request.url).searchParams.get("done"),
  };
}

const formValues = (g: NonNullable<ReturnType<typeof getGroup>>): Record<string, string> => ({
  name: g.name,
  kind: g.kind,
  audience: g.audience,
  localityId: g.localityId ? String(g.localityId) : "",
  facilitatorId: g.facilitatorId ? String(g.facilitatorId) : "",
  place: g.place ?? "",
  accessInfo: g.accessInfo ?? "",
});

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "groups");
  const p = page(request, params.id);
  return { ...p, values: formValues(p.group), errors: null as Record<string, string> | null };
}

export async function action({ request, params }: Route.ActionArgs) {
  const staff = requirePermission(request, "groups");
  const current = page(request, params.id);
  const t = getT(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const id = current.group.id;
  try {
    switch (intent) {
      case "renew":
        renewJoinCode(id, staff.id);
        return redirect(`/staff/groups/${id}?done=renewed`);
      case "close":
      case "reopen":
        setGroupOpen(id, intent === "reopen", staff.id);
        return redirect(`/staff/groups/${id}?done=${intent}`);
      case "edit": {
        const read = readGroupForm(form, t);
        if (!read.input)
          return data({ ...current, done: null, values: read.values, errors: read.errors }, { status: 400 });
        updateGroup(id, { ...read.input, staffId: staff.id });
        return redirect(`/staff/groups/${id}?done=saved`);
      }
      default:
        return data({ ...current, done: null, values: formValues(current.group), errors: null }, { status: 400 });
    }
  } catch (error) {
    if (!(error instanceof GroupError)) throw error;
    if (error.code === "bad_locality" || error.code === "bad_facilitator") {
      const field = error.code === "bad_locality" ? "localityId" : "facilitatorId";
      return data(
        {
          ...current,
          done: null,
          values: Object.fromEntries([...form].map(([k, v]) => [k, String(v)])),
          errors: { [field]: t(`groups.error.${field}`) },
        },
        { status: 400 },
      );
    }
    return data(
      { ...current, done: null, values: formValues(current.group), errors: { main: t(`groups.error.${error.code}`) } },
      { status: error.code === "not_found" ? 404 : 409 },
    );
  }
}

function Count({ n }: { n: number | "fewer" | "withheld" }) {
  const { t } = useTranslation();
  return <>{n === "fewer" ? t("groups.fewer") : n === "withheld" ? t("groups.withheld") : n}</>;
}

export default function GroupPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  const g = p.group;
  const closed = g.status === "closed";
  return (
    <>
      <PageTitle title={g.name} error={Boolean(p.errors)} />
      <p>
        <a href="/staff/groups">{t("groups.back")}</a>
      </p>
      <h1>{g.name}</h1>
      {p.done && (
        <div className="notice" role="status">
          <p style={{ margin: 0 }}>{t(`groups.done.${p.done}`, { defaultValue: "" })}</p>
        </div>
      )}
      {p.errors?.main && (
        <div className="notice warn" role="alert">
          <p style={{ margin: 0 }}>{p.errors.main}</p>
        </div>
      )}
      <dl className="summary-list">
        <div>
          <dt>{t("groups.kindLabel")}</dt>
          <dd>{t(`groups.kind.${g.kind}`)}</dd>
        </div>
        <div>
          <dt>{t("groups.audienceLabel")}</dt>
          <dd>{t(`audienceShort.${g.audience}`)}</dd>
        </div>
        <div>
          <dt>{t("groups.col.where")}</dt>
          <dd>{g.locality ? `${g.locality} (${g.area})` : t("groups.countywide")}</dd>
        </div>
        <div>
          <dt>{t("groups.col.facilitator")}</dt>
          <dd>{g.facilitator ?? t("groups.noFacilitator")}</dd>
        </div>
        <div>
          <dt>{t("groups.field.place")}</dt>
          <dd>{g.place ?? t("groups.notGiven")}</dd>
        </div>
        <div>
          <dt>{t("groups.field.accessInfo")}</dt>
          <dd style={{ whiteSpace: "pre-wrap" }}>{g.accessInfo ?? t("groups.notGiven")}</dd>
        </div>
        <div>
          <dt>{t("groups.statusLabel")}</dt>
          <dd>{t(`groups.status.${g.status}`)}</dd>
        </div>
      </dl>

      <section aria-labelledby="code-title" className="panel">
        <h2 id="code-title">{t("groups.code.title")}</h2>
        {closed ? (
          <p>{t("groups.code.closed")}</p>
        ) : (
          <>
            <p className="join-code" translate="no">
              {g.joinCode}
            </p>
            <p>
              {t("groups.code.url")}{" "}
              <code dir="ltr" className="break">
                {g.joinUrl}
              </code>
            </p>
            {g.renewedOn && <p className="meta">{t("groups.code.renewedOn", { date: g.renewedOn })}</p>}
            <div className="button-row">
              <a href={`/staff/groups/${g.id}/poster`} className="button secondary">
                {t("groups.code.poster")}
              </a>
              <Form method="post">
                <input type="hidden" name="intent" value="renew" />
                <button type="submit" className="button secondary">
                  {t("groups.code.renew")}
                </button>
              </Form>
            </div>
            <p className="hint">{t("groups.code.renewHint")}</p>
          </>
        )}
      </section>

      <section aria-labelledby="reach-title">
        <h2 id="reach-title">{t("groups.reach.title")}</h2>
        <p>
          {t("groups.reach.total")}{" "}
          <strong data-testid="reach-total">
            <Count n={p.reach.total} />
          </strong>
        </p>
        <div className="two-tables">
          <TableScroll label={t("groups.reach.byBand")}>
            <table>
              <caption>{t("groups.reach.byBand")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("groups.reach.band")}</th>
                  <th scope="col" className="num">
                    {t("groups.col.members")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.reach.bands.map((b) => (
                  <tr key={b.band ?? "none"}>
                    <th scope="row">{b.band ? t(`ageBand.${b.band}`) : t("groups.reach.noBand")}</th>
                    <td className="num">
                      <Count n={b.n} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <TableScroll label={t("groups.reach.byLocality")}>
            <table>
              <caption>{t("groups.reach.byLocality")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("groups.reach.locality")}</th>
                  <th scope="col" className="num">
                    {t("groups.col.members")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.reach.localities.length === 0 && (
                  <tr>
                    <td colSpan={2}>{t("groups.members.none")}</td>
                  </tr>
                )}
                {p.reach.localities.map((l) => (
                  <tr key={l.locality ?? "none"}>
                    <th scope="row">{l.locality ?? t("groups.reach.noLocality")}</th>
                    <td className="num">
                      <Count n={l.n} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </div>
      </section>

      <section aria-labelledby="members-title">
        <h2 id="members-title">{t("groups.members.title")}</h2>
        <p className="hint">{t("groups.members.privacy")}</p>
        {p.members.length === 0 ? (
          <p>{t("groups.members.none")}</p>
        ) : (
          <TableScroll label={t("groups.members.title")}>
            <table>
              <caption className="visually-hidden">{t("groups.members.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("groups.members.nickname")}</th>
                  <th scope="col">{t("groups.reach.band")}</th>
                  <th scope="col">{t("groups.members.joined")}</th>
                </tr>
              </thead>
              <tbody>
                {p.members.map((m) => (
                  <tr key={`${m.nickname}-${m.joinedAt}`}>
                    <td>
                      <bdi>{m.nickname}</bdi>
                    </td>
                    <td>{m.ageBand ? t(`ageBand.${m.ageBand}`) : t("groups.reach.noBand")}</td>
                    <td>{m.joinedOn}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t("groups.sessions.title")}</h2>
        {p.sessions.length === 0 ? (
          <p>{t("groups.sessions.none")}</p>
        ) : (
          <ul>
            {p.sessions.map((s) => (
              <li key={s.id}>
                <a href={`/staff/sessions/${s.id}`}>{s.title}</a> · {s.when} · {t(`staffSessions.status.${s.status}`)}
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href={`/staff/sessions/new?group=${g.id}`} className="button secondary">
            {t("groups.sessions.schedule")}
          </a>
        </p>
      </section>

      <details className="panel" open={Boolean(p.errors && !p.errors.main)}>
        <summary>{t("groups.edit")}</summary>
        <GroupForm
          values={p.values}
          errors={p.errors && !p.errors.main ? p.errors : null}
          localities={p.localities}
          facilitators={p.facilitators}
          submitLabel={t("groups.save")}
          intent="edit"
        />
      </details>

      <section aria-labelledby="close-title">
        <h2 id="close-title">{closed ? t("groups.reopenTitle") : t("groups.closeTitle")}</h2>
        <p>{closed ? t("groups.reopenHint") : t("groups.closeHint")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value={closed ? "reopen" : "close"} />
          <button type="submit" className={`button ${closed ? "secondary" : "danger"}`}>
            {closed ? t("groups.reopen") : t("groups.close")}
          </button>
        </Form>
      </section>
    </>
  );
}
