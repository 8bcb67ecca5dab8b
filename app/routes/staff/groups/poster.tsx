import QRCode from "qrcode";
import { data } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { PageTitle } from "~/components/PageTitle";
import { useTranslation } from "~/i18n/react";
import { formatJoinCode, getGroup } from "~/models/groups.server";
import { publicUrl } from "~/utils/mail.server";
import type { Route } from "./+types/poster";

export async function loader({ request, params }: Route.LoaderArgs) {
  requirePermission(request, "groups");
  if (!/^\d{1,9}$/.test(params.id)) throw data(null, { status: 404 });
  const group = getGroup(Number(params.id));
  if (!group) throw data(null, { status: 404 });
  if (group.status === "closed") throw data(null, { status: 410 });
  const code = formatJoinCode(group.joinCode);
  const joinUrl = publicUrl(`/join?code=${code}`);
  // Drawn here, as SVG: no outside service ever sees the code. Error correction M survives a creased poster.
  const qr = await QRCode.toString(joinUrl, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return {
    group: {
      id: group.id,
      name: group.name,
      audience: group.audience,
      place: group.place,
      accessInfo: group.accessInfo,
    },
    code,
    joinUrl,
    joinPage: publicUrl("/join"),
    qr,
  };
}

/** A printable A4 poster: the group, where it meets, the QR and the code in letters big enough to read across a room. */
export default function Poster({ loaderData: p }: Route.ComponentProps) {
  const { t } = useTranslation();
  const parents = p.group.audience === "parents_carers";
  return (
    <>
      <PageTitle title={t("groups.poster.title", { name: p.group.name })} />
      <div className="no-print poster-tools">
        <p>
          <a href={`/staff/groups/${p.group.id}`}>{t("groups.poster.back")}</a>
        </p>
        <p>{t("groups.poster.howToPrint")}</p>
      </div>
      <article className="poster" aria-labelledby="poster-title">
        <p className="poster-kicker">{t(parents ? "groups.poster.kickerParents" : "groups.poster.kickerYoung")}</p>
        <h1 id="poster-title" className="poster-title">
          {p.group.name}
        </h1>
        <p className="poster-lead">{t(parents ? "groups.poster.leadParents" : "groups.poster.leadYoung")}</p>
        {p.group.place && (
          <p className="poster-place">
            <strong>{t("groups.poster.where")}</strong> {p.group.place}
          </p>
        )}
        {p.group.accessInfo && <p className="poster-access">{p.group.accessInfo}</p>}
        <figure className="poster-qr">
          <div
            role="img"
            aria-label={t("groups.poster.qrLabel", { url: p.joinUrl })}
            // biome-ignore lint/security/noDangerouslySetInnerHtml: an SVG the server drew from our own URL
            dangerouslySetInnerHTML={{ __html: p.qr }}
          />
          <figcaption>{t("groups.poster.scan")}</figcaption>
        </figure>
        <p className="poster-or">{t("groups.poster.orType", { url: p.joinPage })}</p>
        <p className="poster-code" translate="no" data-testid="poster-code">
          {p.code}
        </p>
        <p className="poster-small">{t("groups.poster.privacy")}</p>
      </article>
    </>
  );
}
