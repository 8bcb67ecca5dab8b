// Being built (issue 9).
export async function action() {
  throw new Response(null, { status: 404 });
}
