import { data, redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { tFor } from "~/i18n.server";
import { parseCookies, RECOVERY_COOKIE, serializeCookie } from "~/lib/cookies";
import { requireUser, safeRedirect } from "~/modules/auth/guards.server";

export const handle = { i18n: ["auth"] };

// The loader's no-store must reach the document: the page shows a secret once.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/**
 * Shows a new participant's recovery code, once: the cookie that carried it is cleared in the same
 * response, and the page is never cached. 001 §33: this code, not a phone number, gets them back in.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const url = new URL(request.url);
  const next = safeRedirect(url.searchParams.get("next"), "/");
  const code = parseCookies(request.headers.get("cookie") ?? undefined)[RECOVERY_COOKIE];
  if (!code || !/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/.test(code)) throw redirect(next, 303);
  const headers = new Headers({ "Cache-Control": "no-store" });
  headers.append("Set-Cookie", serializeCookie(RECOVERY_COOKIE, "", { maxAgeSeconds: 0, secure: context.secure, path: "/" }));
  return data({ code, next, pseudonym: user.displayName, title: tFor(context.locale)("auth:welcome.title") }, { headers });
}

export default function Welcome() {
  const { code, next, pseudonym } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="recovery">
      <h1>{t("auth:welcome.title")}</h1>
      <p className="lead">{t("auth:welcome.joinedAs", { pseudonym })}</p>
      <h2>{t("auth:welcome.codeHeading")}</h2>
      <p>{t("auth:welcome.codeIntro")}</p>
      <p className="recovery__code" aria-label={t("auth:welcome.codeLabel")}>
        <code>{code}</code>
      </p>
      <ul>
        <li>{t("auth:welcome.keepPrint")}</li>
        <li>{t("auth:welcome.keepWrite")}</li>
        <li>{t("auth:welcome.keepSecret")}</li>
      </ul>
      <p className="no-print">
        <Link className="button" to={next}>
          {t("auth:welcome.continue")}
        </Link>
      </p>
    </section>
  );
}
