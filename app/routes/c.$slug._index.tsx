import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { dirOf, languageNames, type Lng } from "~/i18n";
import type { ConsultationLayoutData } from "./c.$slug";

export const handle = { i18n: ["consultations"] };

export const meta: MetaFunction = ({ matches }) => {
  const layout = matches.find((m) => m.id === "routes/c.$slug")?.data as ConsultationLayoutData | undefined;
  return [{ title: layout?.consultation.title ?? "" }];
};

export async function loader({ context }: LoaderFunctionArgs) {
  // Open to everyone: the layout route (c.$slug.tsx) checks view:consultation; this returns the language only.
  return { locale: context.locale };
}

export default function ConsultationPage() {
  const { locale } = useLoaderData<typeof loader>();
  const { consultation: c, participation, accepting, closesOnText } = useRouteLoaderData<ConsultationLayoutData>("routes/c.$slug")!;
  const { t } = useTranslation();
  return (
    <article className="consultation">
      <p className="eyebrow">
        <span lang={c.lang} dir={dirOf(c.lang)}>{c.organisationName}</span> · {t(`consultations:stage.${c.lifecycleStage}`)}
      </p>
      <h1 lang={c.lang} dir={dirOf(c.lang)}>{c.title}</h1>
      <p className="status-line">
        <strong>{t(`consultations:status.${c.status}`)}</strong>
        {closesOnText ? ` · ${t("consultations:closesOn", { date: closesOnText })}` : null}
      </p>
      <section aria-labelledby="about-heading">
        <h2 id="about-heading">{t("consultations:about")}</h2>
        <p lang={c.lang} dir={dirOf(c.lang)}>{c.summary}</p>
        {c.lang !== locale ? <p className="hint">{t("consultations:writtenIn", { language: languageNames[c.lang as Lng] ?? c.lang })}</p> : null}
        <p>
          {t("consultations:deployment")}: <span lang={c.lang} dir={dirOf(c.lang)}>{c.deploymentName}</span>
        </p>
      </section>
      <section aria-labelledby="take-part-heading" className="panel">
        <h2 id="take-part-heading">{t("consultations:takePart.heading")}</h2>
        {participation ? (
          <p>{t("consultations:takePart.joinedAs", { pseudonym: participation.pseudonym })}</p>
        ) : accepting ? (
          <>
            <p>{t("consultations:takePart.intro")}</p>
            <p>
              <Link className="button" to={`/c/${c.slug}/join`}>
                {t("consultations:takePart.join")}
              </Link>
            </p>
          </>
        ) : (
          <p>{t("consultations:takePart.closed")}</p>
        )}
      </section>
      {/* DESIGN.md contract "board doc": the live board and the comment form arrive with TODO(#5), TODO(#6). */}
      <section aria-labelledby="board-heading" className="board" data-ydoc={`board:${c.id}`}>
        <h2 id="board-heading">{t("consultations:board.heading")}</h2>
        <p className="hint">{t("consultations:board.empty")}</p>
      </section>
    </article>
  );
}
