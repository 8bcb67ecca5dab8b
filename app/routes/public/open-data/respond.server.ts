const common = { "Cache-Control": "public, max-age=300" };

export function jsonFile(body: unknown, status = 200) {
  return new Response(JSON.stringify(body, null, 2), {
    status,
    headers: { ...common, "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*" },
  });
}

export function csvFile(body: string, filename: string, status = 200) {
  return new Response(body, {
    status,
    headers: {
      ...common,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `inline; filename="${filename}"`,
    },
  });
}

export const notFoundMessage = "No published consultation has this address.";
