import "./paper-view.css";
import { TableScroll } from "~/components/ui/TableScroll";

/** A paper's blocks as the page gets them: each chart already drawn (the SVG the papers draw), everything else text. */
export type PaperViewBlock =
  | { kind: "title"; text: string }
  | { kind: "heading"; level: 2 | 3; text: string }
  | { kind: "facts"; caption: string; rows: [string, string][] }
  | { kind: "para"; text: string; tone?: "lead" | "note" }
  | { kind: "list"; ordered: boolean; items: string[] }
  | { kind: "quote"; text: string; who: string }
  | { kind: "table"; caption: string; head: string[]; rows: string[][]; numeric: boolean[] }
  | { kind: "chart"; src: string; alt: string };

/**
 * A committee paper on screen, block by block in the order the DOCX and PDF print them. The page's own h1 names it,
 * so the paper's title is an h2 and its sections h3 and h4. Papers are in English whatever the reader's language.
 */
export function PaperView({ blocks, label }: { blocks: PaperViewBlock[]; label: string }) {
  return (
    <article className="paper-view" lang="en" dir="ltr" aria-label={label}>
      {blocks.map((b, i) => {
        const key = `${b.kind}-${i}`;
        switch (b.kind) {
          case "title":
            return <h2 key={key}>{b.text}</h2>;
          case "heading":
            return b.level === 2 ? <h3 key={key}>{b.text}</h3> : <h4 key={key}>{b.text}</h4>;
          case "facts":
            return (
              <table key={key} className="paper-facts">
                <caption>{b.caption}</caption>
                <tbody>
                  {b.rows.map(([k, v]) => (
                    <tr key={k}>
                      <th scope="row">{k}</th>
                      <td>{v}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          case "para":
            return (
              <p key={key} className={b.tone ? `paper-${b.tone}` : undefined}>
                {b.text}
              </p>
            );
          case "list": {
            // biome-ignore lint/suspicious/noArrayIndexKey: items of a frozen list never move
            const items = b.items.map((item, j) => <li key={j}>{item}</li>);
            return b.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
          }
          case "quote":
            return (
              <figure key={key} className="paper-quote">
                <blockquote>“{b.text}”</blockquote>
                <figcaption>— {b.who}</figcaption>
              </figure>
            );
          case "table":
            return (
              <TableScroll key={key} label={b.caption}>
                <table>
                  <caption>{b.caption}</caption>
                  <thead>
                    <tr>
                      {b.head.map((h, j) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: columns of a frozen table never move
                        <th key={j} scope="col" className={b.numeric[j] ? "numeric" : undefined}>
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {b.rows.map((r, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: rows of a frozen table never move
                      <tr key={j}>
                        {r.map((c, k) =>
                          k === 0 ? (
                            // biome-ignore lint/suspicious/noArrayIndexKey: cells of a frozen row never move
                            <th key={k} scope="row">
                              {c}
                            </th>
                          ) : (
                            // biome-ignore lint/suspicious/noArrayIndexKey: cells of a frozen row never move
                            <td key={k} className={b.numeric[k] ? "numeric" : undefined}>
                              {c}
                            </td>
                          ),
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            );
          case "chart":
            return <img key={key} src={b.src} alt={b.alt} className="paper-chart" />;
        }
        return null;
      })}
    </article>
  );
}
