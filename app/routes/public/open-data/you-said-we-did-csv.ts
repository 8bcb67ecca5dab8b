import { youSaidWeDidCsv } from "~/models/open-data.server";
import { csvFile } from "./respond.server";

export async function loader() {
  return csvFile(youSaidWeDidCsv(), "you-said-we-did.csv");
}
