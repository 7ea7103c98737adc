import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { tFor } from "~/i18n.server";
import { formatDate, formatNumber } from "~/lib/format";
import { requireResponder } from "~/modules/responses/access.server";
import { getCoverage, listInputsToAnswer } from "~/modules/responses/responses.server";

export const handle = { i18n: ["admin", "responses"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The answering queue: coverage, then the consultation's inputs newest first (only the unanswered with ?unanswered=1). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { consultation } = await requireResponder(request, context, params.slug!);
  const url = new URL(request.url);
  const unanswered = url.searchParams.get("unanswered") === "1";
  const [page, coverage] = await Promise.all([
    listInputsToAnswer({ consultationId: consultation.id, unanswered, after: url.searchParams.get("after") ?? undefined }),
    getCoverage(consultation.id),
  ]);
  const t = tFor(context.locale, "responses");
  const next = page.next ? `?${new URLSearchParams({ ...(unanswered ? { unanswered: "1" } : {}), after: page.next })}` : null;
  return {
    consultation: { slug: consultation.slug, title: consultation.title, status: consultation.status },
    items: page.items.map((i) => ({ ...i, createdOn: formatDate(i.createdAt, context.locale) })),
    next,
    unanswered,
    coverage: { ...coverage, text: t("responses:coverage", { answered: formatNumber(coverage.answered, context.locale), total: formatNumber(coverage.total, context.locale), count: coverage.total }) },
    title: t("responses:admin.title", { title: consultation.title }),
  };
}

export default function AnsweringQueue() {
  const { consultation, items, next, unanswered, coverage } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const first = items.find((i) => !i.decision);
  return (
    <>
      <p className="eyebrow">
        <Link to={`/admin/consultations/${consultation.slug}`}>{consultation.title}</Link>
      </p>
      <h1>{t("responses:admin.heading")}</h1>
      <p>
        <meter min={0} max={Math.max(1, coverage.total)} value={coverage.answered} aria-label={coverage.text} /> {coverage.text}
      </p>
      {coverage.answered === coverage.total ? <p>{t("responses:admin.allAnswered")}</p> : <p>{t("responses:admin.notYet")}</p>}
      <ul className="actions">
        {first ? (
          <li>
            <Link className="button" to={`/admin/consultations/${consultation.slug}/responses/${first.id}`}>
              {t("responses:admin.answerNext")}
            </Link>
          </li>
        ) : null}
        <li>
          <Link className="button button--secondary" to={unanswered ? "?" : "?unanswered=1"}>
            {unanswered ? t("responses:admin.showAll") : t("responses:admin.showUnanswered")}
          </Link>
        </li>
        <li>
          <Link className="button button--secondary" to={`/admin/consultations/${consultation.slug}/contests`}>
            {t("responses:contest.queue")}
          </Link>
        </li>
        <li>
          <Link className="button button--secondary" to={`/c/${consultation.slug}/responses`}>
            {t("responses:admin.public")}
          </Link>
        </li>
      </ul>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("responses:admin.input")}</th>
            <th scope="col">{t("responses:admin.date")}</th>
            <th scope="col">{t("responses:public.decision")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id}>
              <td lang={i.lang}>
                <Link to={`/admin/consultations/${consultation.slug}/responses/${i.id}`}>{i.excerpt}</Link>
              </td>
              <td>{i.createdOn}</td>
              <td>{i.decision ? t(`responses:decision.${i.decision}`) : <strong>{t("responses:admin.unanswered")}</strong>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next ? (
        <p className="pager">
          <Link to={next}>{t("responses:admin.older")}</Link>
        </p>
      ) : null}
    </>
  );
}

export { ErrorBoundary } from "~/root";
