/** What a participant's browser downloads: the page's HTML and every JavaScript module it loads at start. */
import zlib from "node:zlib";

/** gzip at zlib's default level (6), the level the server's compression middleware uses. */
export const gzipBytes = (body: Buffer | string) => zlib.gzipSync(body, { level: 6 }).length;

// Static imports inside a module: `import x from "./a.js"`, `export * from "./a.js"`, `import "./a.js"`.
// Dynamic `import("…")` inside a module is loaded later, if at all, so it is not counted.
const STATIC_IMPORT = /(?:\bfrom\s*|\bimport\s*)["']([^"'()]+?\.js)["']/g;

export async function participantPageWeight(origin: string, pagePath: string) {
  const res = await fetch(origin + pagePath);
  if (res.status !== 200) throw new Error(`GET ${pagePath} answered ${res.status}, not 200`);
  const html = await res.text();

  // What the page loads at start: its modulepreload links, script src, and the inline module's static imports.
  // Other /assets/ paths in the HTML (the route manifest) are only fetched if the person navigates.
  const loaded = [
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
    ...html.matchAll(/import\s+(?:[^"'();]*?\s+from\s+)?["'](\/assets\/[^"']+\.js)["']/g),
  ].map((m) => m[1]);
  const fromHtml = new Set(loaded.filter((url) => /^\/assets\/[^"']+\.js$/.test(url) && !url.includes("/manifest-")));
  const queue = [...fromHtml];
  const seen = new Set(queue);
  const sizes = new Map<string, { raw: number; gzip: number }>();
  while (queue.length) {
    const url = queue.shift() as string;
    const r = await fetch(origin + url);
    if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}, not 200`);
    const body = Buffer.from(await r.arrayBuffer());
    sizes.set(url, { raw: body.length, gzip: gzipBytes(body) });
    for (const m of body.toString("utf8").matchAll(STATIC_IMPORT)) {
      const next = new URL(m[1], origin + url).pathname;
      if (next.startsWith("/assets/") && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
    if (seen.size > 500) throw new Error("more than 500 JavaScript files: stopping");
  }

  let jsGzip = 0;
  let jsRaw = 0;
  for (const s of sizes.values()) {
    jsGzip += s.gzip;
    jsRaw += s.raw;
  }
  return {
    files: sizes.size,
    largest: [...sizes]
      .map(([url, s]) => ({ url, ...s }))
      .sort((a, b) => b.gzip - a.gzip)
      .slice(0, 4),
    onlyByImport: sizes.size - fromHtml.size,
    jsRaw,
    jsGzip,
    htmlRaw: Buffer.byteLength(html),
    htmlGzip: gzipBytes(html),
  };
}
