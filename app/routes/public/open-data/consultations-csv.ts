import { consultationsCsv } from "~/models/open-data.server";
import { csvFile } from "./respond.server";

export async function loader() {
  return csvFile(consultationsCsv(), "consultations.csv");
}
