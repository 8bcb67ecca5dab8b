import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  type ShouldRevalidateFunctionArgs,
  useLocation,
  useRouteLoaderData,
} from "react-router";
import { PageTitle } from "~/components/PageTitle";
import { RouteAnnouncer } from "~/components/RouteAnnouncer";
import { dirOf, type Lang, languageNames, languages } from "~/i18n";
import { getLang, pageResourcesJson, stringsFile } from "~/i18n/i18n.server";
import { isStaffPath, namespacesFor } from "~/i18n/namespaces";
import { I18nProvider, loadStrings, useTranslation } from "~/i18n/react";
import type { Route } from "./+types/root";
import stylesUrl from "./styles.css?url";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/**
 * An error thrown by any route is shown by this boundary, so its headers only reach the browser from here: a 429's
 * Retry-After, for one. Without an error, nothing is added (each route's own headers apply).
 */
export function headers({ errorHeaders }: Route.HeadersArgs) {
  return errorHeaders ?? new Headers();
}

export async function loader({ request }: Route.LoaderArgs) {
  const lang = getLang(request);
  // Only the namespaces this page needs, in its language: participant pages (cheap phones) never get staff wording.
  const { pathname } = new URL(request.url);
  const namespaces = namespacesFor(pathname);
  // Staff pages name their strings' file (kept by the browser) instead of carrying them; see stringsFile.
  if (isStaffPath(pathname))
    return { lang, namespaces, strings: null, stringsUrl: `/i18n/${stringsFile(lang, namespaces).file}` };
  return { lang, namespaces, strings: pageResourcesJson(lang, namespaces), stringsUrl: null };
}

/** In the browser, after a navigation into the staff area: the page's strings file is loaded before it shows. */
export async function clientLoader({ serverLoader }: Route.ClientLoaderArgs) {
  const data = await serverLoader();
  if (data.stringsUrl) await loadStrings(data.stringsUrl, data.lang, data.namespaces);
  return data;
}

/** Moving between the participant and staff areas changes which strings the page needs. */
export function shouldRevalidate({ currentUrl, nextUrl, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  return isStaffPath(currentUrl.pathname) !== isStaffPath(nextUrl.pathname) || defaultShouldRevalidate;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const lang: Lang = data?.lang ?? "en";
  return (
    <html lang={lang} dir={dirOf(lang)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
        {data?.stringsUrl ? <script src={data.stringsUrl} /> : null}
      </head>
      <body>
        <I18nProvider lang={lang} namespaces={data?.namespaces ?? []} strings={data ? data.strings : "{}"}>
          <Chrome lang={lang}>{children}</Chrome>
        </I18nProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

function Chrome({ lang, children }: { lang: Lang; children: React.ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const back = location.pathname + location.search;
  const staffArea = location.pathname.startsWith("/staff");
  return (
    <>
      <a className="skip-link" href="#main">
        {t("layout.skip")}
      </a>
      <header className="site-header">
        <div className={staffArea ? "wrap wide header-row" : "wrap header-row"}>
          <a href="/" className="brand">
            <svg aria-hidden="true" viewBox="0 0 32 32" width="32" height="32" className="brand-mark">
              <circle cx="16" cy="16" r="15" fill="currentColor" />
              <path d="M9 13h14M9 18h9" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
            </svg>
            <span>{t("layout.siteName")}</span>
          </a>
          <nav aria-label={t("layout.languages")} className="languages">
            <ul>
              {languages.map((code) => (
                <li key={code}>
                  {code === lang ? (
                    <span aria-current="true" lang={code} className="language-current">
                      {languageNames[code]}
                    </span>
                  ) : (
                    <a href={`/language?to=${code}&back=${encodeURIComponent(back)}`} lang={code} hrefLang={code}>
                      {languageNames[code]}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </nav>
        </div>
        {!staffArea && (
          <nav aria-label={t("layout.mainNav")} className="wrap main-nav">
            <ul>
              <li>
                <a href="/consultations">{t("nav.consultations")}</a>
              </li>
              <li>
                <a href="/you-said-we-did">{t("nav.youSaid")}</a>
              </li>
              <li>
                <a href="/questions">{t("nav.questions")}</a>
              </li>
              <li>
                <a href="/sessions">{t("nav.sessions")}</a>
              </li>
              <li>
                <a href="/pass">{t("nav.pass")}</a>
              </li>
            </ul>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1} className={staffArea ? "staff-main" : "participant-main"}>
        <div className={staffArea ? "wrap wide" : "wrap"}>{children}</div>
      </main>
      <RouteAnnouncer />
      <footer className="site-footer">
        <div className={staffArea ? "wrap wide" : "wrap"}>
          <ul>
            <li>
              <a href="/privacy">{t("nav.privacy")}</a>
            </li>
            <li>
              <a href="/accessibility">{t("nav.accessibility")}</a>
            </li>
            {/* Someone already in the staff area needs neither the sign-in link nor the promise made to children. */}
            {!staffArea && (
              <li>
                <a href="/staff">{t("nav.staff")}</a>
              </li>
            )}
          </ul>
          <p>{t(staffArea ? "layout.staffFooter" : "layout.footer")}</p>
        </div>
      </footer>
    </>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const { t } = useTranslation();
  let key = "error.unexpected";
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) key = "error.notFound";
    else if (error.status === 403) key = "error.forbidden";
    else if (error.status === 429) key = "error.tooMany";
    else if (error.status === 400) key = "error.badRequest";
    else if (error.status === 410) key = "error.closed";
  }
  const title = t(`${key}.title`);
  return (
    <>
      <PageTitle title={title} />
      <h1>{title}</h1>
      <p>{t(`${key}.body`)}</p>
      <p>
        <a href="/">{t("error.home")}</a>
      </p>
    </>
  );
}
