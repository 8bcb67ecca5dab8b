import { data, redirect } from "react-router";
import { requirePermission } from "~/auth/session.server";
import { GroupForm } from "~/components/groups/GroupForm";
import { PageTitle } from "~/components/PageTitle";
import { getT } from "~/i18n/i18n.server";
import { useTranslation } from "~/i18n/react";
import { createGroup, GroupError, listFacilitators } from "~/models/groups.server";
import { listLocalities } from "~/models/reference.server";
import type { Route } from "./+types/new";
import { readGroupForm } from "./form.server";

function lists() {
  return { localities: listLocalities(), facilitators: listFacilitators() };
}

export async function loader({ request }: Route.LoaderArgs) {
  const staff = requirePermission(request, "groups");
  return { ...lists(), values: { facilitatorId: String(staff.id) } as Record<string, string>, errors: null };
}

export async function action({ request }: Route.ActionArgs) {
  const staff = requirePermission(request, "groups");
  const t = getT(request);
  const read = readGroupForm(await request.formData(), t);
  if (!read.input) return data({ ...lists(), values: read.values, errors: read.errors }, { status: 400 });
  try {
    const id = createGroup({ ...read.input, staffId: staff.id });
    return redirect(`/staff/groups/${id}?done=created`);
  } catch (error) {
    if (!(error instanceof GroupError)) throw error;
    const field = error.code === "bad_locality" ? "localityId" : "facilitatorId";
    return data({ ...lists(), values: read.values, errors: { [field]: t(`groups.error.${field}`) } }, { status: 400 });
  }
}

export default function NewGroup({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const p = actionData ?? loaderData;
  return (
    <>
      <PageTitle title={t("groups.newTitle")} error={Boolean(p.errors)} />
      <p>
        <a href="/staff/groups">{t("groups.back")}</a>
      </p>
      <h1>{t("groups.newTitle")}</h1>
      <p>{t("groups.newIntro")}</p>
      <GroupForm
        values={p.values}
        errors={p.errors}
        localities={p.localities}
        facilitators={p.facilitators}
        submitLabel={t("groups.create")}
      />
    </>
  );
}
