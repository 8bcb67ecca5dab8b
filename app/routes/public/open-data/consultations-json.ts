import { openConsultations } from "~/models/open-data.server";
import { jsonFile } from "./respond.server";

export async function loader() {
  return jsonFile({ licence: "Open Government Licence v3.0", consultations: openConsultations() });
}
