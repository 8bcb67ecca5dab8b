import { useEffect, useRef } from "react";
import { useLocation } from "react-router";

/**
 * After a client-side navigation the browser keeps focus where it was (or drops it on <body>), so a screen
 * reader says nothing about the new page. Move focus to the new page's h1, as a full page load would lead a
 * reader to it; if the page has no h1, say its title in a polite live region instead. An error summary, or a page
 * that focuses a field itself, is left alone. The first render is a real page load and needs nothing.
 */
export function RouteAnnouncer() {
  const { pathname, search } = useLocation();
  const first = useRef(true);
  const region = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new page, named by its path and query
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (document.querySelector(".error-summary")) return;
    // A page that put focus somewhere itself (the paper form's first field, the next item in the moderation queue)
    // knows best: a field inside main, or anything inside an element marked data-keeps-focus.
    const active = document.activeElement;
    if (active?.closest("main") && active.matches("input, select, textarea")) return;
    if (active?.closest("[data-keeps-focus]")) return;
    const heading = document.querySelector<HTMLElement>("main h1");
    if (heading) {
      if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
      heading.focus();
      return;
    }
    if (region.current) region.current.textContent = document.title;
  }, [pathname, search]);
  return <div ref={region} className="visually-hidden" aria-live="polite" aria-atomic="true" />;
}
