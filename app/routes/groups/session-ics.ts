// Being built (issue 9).
export async function loader() {
  throw new Response(null, { status: 404 });
}
