import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useState, type ReactNode } from "react";
import { LanguageProvider, useTranslation } from "~/lib/i18n-react";
import { CsrfField } from "~/components/forms";
import { dirOf, fallbackLng, languageNames, supportedLngs } from "~/i18n";
import { useNonce } from "~/lib/nonce";
import { can } from "~/modules/auth/permissions";
import translationStatus from "../locales/status.json";
import styles from "~/styles/app.css";

export const handle = { i18n: ["common"] };

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = context.user;
  const url = new URL(request.url);
  const endedBeforeRedirect = !user && url.searchParams.get("ended") === "1";
  return {
    locale: context.locale,
    csrfToken: context.csrfToken,
    dataSaver: context.dataSaver,
    sessionEnded: context.sessionEnded || endedBeforeRedirect,
    accountDeleted: !user && url.searchParams.get("deleted") === "1",
    unsupportedLng: context.unsupportedLng ?? null,
    csrfRejected: context.csrfRejected ?? null,
    // 000 §15: machine-drafted text is labelled until a fluent person has reviewed it.
    translationReviewed: (translationStatus as Record<string, { reviewed: boolean }>)[context.locale]?.reviewed ?? false,
    user: user ? { displayName: user.displayName, kind: user.kind, canAdmin: can(user, "view:admin") } : null,
  };
}
export type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const locale = data?.locale ?? fallbackLng;
  return (
    <LanguageProvider value={locale}>
      <Document locale={locale}>{children}</Document>
    </LanguageProvider>
  );
}

function Document({ locale, children }: { locale: string; children: ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const nonce = useNonce();
  // Asking for every namespace of the matched routes makes the browser load any it lacks after a
  // client-side navigation, and re-render when they arrive.
  const matches = useMatches();
  const pageNamespaces = matches.flatMap((m) => ((m.handle as { i18n?: string[] } | undefined)?.i18n ?? []));
  // A page whose route needs no script (`handle.scripts: false`, a list of links) is sent without any: it
  // is whole without them, and a person on metered data does not pay for scripts that would do nothing
  // there (issue #10). Decided for the document the server sends; once a page's scripts run, they stay.
  const [needsScripts] = useState(() => !matches.some((m) => (m.handle as { scripts?: boolean } | undefined)?.scripts === false));
  const { t } = useTranslation([...new Set(["common", ...pageNamespaces])]);
  return (
    <html lang={locale} dir={dirOf(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("common:skipToContent")}
        </a>
        <SiteHeader data={data} />
        <main id="main" className="page" tabIndex={-1}>
          <Notices data={data} />
          {children}
        </main>
        <SiteFooter data={data} />
        {/* Save-Data or the data-saver choice, or a page that needs none: no script at all; every page works without (DESIGN.md). */}
        {data && !data.dataSaver && needsScripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

function SiteHeader({ data }: { data: RootData | undefined }) {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <Link to="/" className="site-header__name">
        {t("common:siteName")}
      </Link>
      <nav aria-label={t("common:nav.label")}>
        <ul className="site-header__nav">
          <li>
            <Link to="/">{t("common:nav.consultations")}</Link>
          </li>
          <li>
            <Link to="/register">{t("common:nav.register")}</Link>
          </li>
          {data?.user?.canAdmin ? (
            <li>
              <Link to="/admin">{t("common:nav.admin")}</Link>
            </li>
          ) : null}
          {data?.user ? (
            <li>
              <Link to="/account">{t("common:nav.account", { name: data.user.displayName })}</Link>
            </li>
          ) : (
            <li>
              <Link to="/login">{t("common:nav.signIn")}</Link>
            </li>
          )}
        </ul>
      </nav>
    </header>
  );
}

function Notices({ data }: { data: RootData | undefined }) {
  const { t } = useTranslation();
  if (!data) return null;
  return (
    <>
      {data.sessionEnded ? (
        <p className="notice" role="status">
          {t("common:notices.sessionEnded")} <Link to="/login">{t("common:nav.signIn")}</Link>
        </p>
      ) : null}
      {data.accountDeleted ? (
        <p className="notice" role="status">
          {t("common:notices.accountDeleted")}
        </p>
      ) : null}
      {data.unsupportedLng ? (
        <p className="notice" role="status">
          {t("common:notices.languageUnavailable", { code: data.unsupportedLng, language: languageNames[data.locale] })}
        </p>
      ) : null}
      {data.csrfRejected ? (
        <p className="notice notice--error" role="alert">
          {t("common:notices.formExpired")}
        </p>
      ) : null}
    </>
  );
}

function SiteFooter({ data }: { data: RootData | undefined }) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  const locale = data?.locale ?? fallbackLng;
  return (
    <footer className="site-footer">
      {/* A GET form: changing language works without JavaScript and lands on the same page. */}
      <form method="get" action={location.pathname} className="site-footer__form">
        <label htmlFor="lng-select">{t("common:language.label")}</label>{" "}
        <select id="lng-select" name="lng" defaultValue={locale}>
          {supportedLngs.map((lng) => (
            <option key={lng} value={lng} lang={lng}>
              {languageNames[lng]}
            </option>
          ))}
        </select>{" "}
        <button type="submit">{t("common:language.submit")}</button>
        {data && !data.translationReviewed ? (
          <p className="site-footer__note">
            {/* Where the draft's status, and every other language's, is set out (issue #9). */}
            <Link to="/languages">{t("common:language.unreviewed")}</Link>
          </p>
        ) : null}
      </form>
      <Form method="post" action="/settings/data-saver" className="site-footer__form" reloadDocument>
        <CsrfField />
        <input type="hidden" name="returnTo" value={here} />
        <input type="hidden" name="on" value={data?.dataSaver ? "0" : "1"} />
        <button type="submit" className="button--link">
          {data?.dataSaver ? t("common:dataSaver.turnOff") : t("common:dataSaver.turnOn")}
        </button>
      </Form>
    </footer>
  );
}

/** One page for every status; the text comes from the person's language (STYLE.md). */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 410 ? "gone" : status === 503 ? "unavailable" : "unexpected";
  return (
    <section className="error-page">
      <h1>{t(`common:errors.${key}.title`)}</h1>
      <p>{t(`common:errors.${key}.body`)}</p>
      <p>
        <Link to="/">{t("common:errors.home")}</Link>
      </p>
    </section>
  );
}
