import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { CsrfField } from "~/components/forms";
import { tFor } from "~/i18n.server";
import { formatDate } from "~/lib/format";
import { requireUser } from "~/modules/auth/guards.server";
import { listNotices, markNoticesRead } from "~/modules/notices/notices.server";
import { noticeText } from "~/modules/notices/render";

export const handle = { i18n: ["auth", "responses", "grievances"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/**
 * A person's notices (issue #8), newest first, worded in the language they read the site in. Works with a
 * pseudonymous account: no email needed.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const t = tFor(context.locale, ["responses", "consultations"]);
  const notices = await listNotices({ userId: user.id });
  return {
    notices: notices.map((n) => ({ id: n.id, text: noticeText(t, n), link: n.link, unread: !n.readAt, on: formatDate(n.createdAt, context.locale) })),
    title: t("responses:inbox.title"),
  };
}

/** Marks every notice as read. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  await markNoticesRead(user.id);
  return redirect("/account/inbox", 303);
}

export default function Inbox() {
  const { notices } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const unread = notices.filter((n) => n.unread).length;
  return (
    <>
      <p className="eyebrow">
        <Link to="/account">{t("auth:account.title")}</Link>
      </p>
      <h1>{t("responses:inbox.title")}</h1>
      {notices.length === 0 ? <p>{t("responses:inbox.empty")}</p> : <p>{t("responses:inbox.unread", { count: unread })}</p>}
      <ol className="notices">
        {notices.map((n) => (
          <li key={n.id} className={n.unread ? "notice-item notice-item--unread" : "notice-item"}>
            {n.unread ? <strong>{t("responses:inbox.new")} </strong> : null}
            <Link to={n.link}>{n.text}</Link> <span className="hint">· {n.on}</span>
          </li>
        ))}
      </ol>
      {unread ? (
        <Form method="post">
          <CsrfField />
          <button type="submit" className="button button--secondary">
            {t("responses:inbox.markRead")}
          </button>
        </Form>
      ) : null}
    </>
  );
}

export { ErrorBoundary } from "~/root";
