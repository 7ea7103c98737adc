import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { dirOf } from "~/i18n";
import { tFor } from "~/i18n.server";
import { formatNumber } from "~/lib/format";
import { requirePermission } from "~/modules/auth/guards.server";
import { listUiLanguages } from "~/modules/translations/ui-strings.server";

export const handle = { i18n: ["translations"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/**
 * Every language the site speaks and how far to trust it (000 §15; 001 §31): who translated it, and
 * whether a fluent person has checked it. Read from locales/status.json, the same record the footer's
 * "machine draft" note comes from.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:consultation");
  return {
    languages: listUiLanguages().map((l) => ({
      lang: l.lang,
      name: l.name,
      translatedBy: l.translatedBy,
      reviewed: l.reviewed,
      reviewedBy: l.reviewedBy,
      note: l.note,
      complete: l.keys >= l.englishKeys,
      keys: formatNumber(l.keys, context.locale),
      englishKeys: formatNumber(l.englishKeys, context.locale),
    })),
    title: tFor(context.locale, "translations")("translations:ui.languages.title"),
  };
}

export default function Languages() {
  const { languages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("translations:ui.languages.title")}</h1>
      <p className="lead">{t("translations:ui.languages.intro")}</p>
      <p>{t("translations:ui.languages.why")}</p>
      <table className="table">
        <caption>{t("translations:ui.languages.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("translations:ui.languages.language")}</th>
            <th scope="col">{t("translations:ui.languages.checked")}</th>
            <th scope="col">{t("translations:ui.languages.translatedBy")}</th>
            <th scope="col">{t("translations:ui.languages.note")}</th>
          </tr>
        </thead>
        <tbody>
          {languages.map((l) => (
            <tr key={l.lang} data-lang={l.lang} data-reviewed={l.reviewed ? "true" : "false"}>
              <th scope="row" lang={l.lang} dir={dirOf(l.lang)}>
                {l.name}
              </th>
              <td>
                {l.reviewed
                  ? l.reviewedBy
                    ? t("translations:ui.languages.checkedBy", { name: l.reviewedBy })
                    : t("translations:ui.languages.yes")
                  : t("translations:ui.languages.notChecked")}
              </td>
              {/* What status.json says is written in English; marked so a screen reader reads it as English. */}
              <td lang="en" dir="ltr">
                {l.translatedBy ?? ""}
              </td>
              <td>
                {l.note ? (
                  <span lang="en" dir="ltr">
                    {l.note}
                  </span>
                ) : null}
                {l.complete ? null : <p className="hint">{t("translations:ui.languages.incomplete", { done: l.keys, total: l.englishKeys })}</p>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export { ErrorBoundary } from "~/root";
