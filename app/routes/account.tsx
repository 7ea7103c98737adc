import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Notice } from "~/components/notice";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { CsrfField, ErrorSummary, Field, useFormState, valueOf } from "~/components/forms";
import { tFor } from "~/i18n.server";
import { fieldErrors, formValues } from "~/lib/forms";
import { setNoticeEmail } from "~/modules/auth/auth.server";
import { deleteAccount } from "~/modules/auth/account.server";
import { requireUser } from "~/modules/auth/guards.server";
import { clearSessionCookie } from "~/modules/auth/sessions.server";
import { AddEmailSchema } from "~/modules/auth/schema";
import { noticeEmailChoices } from "~/modules/notices/constants";
import { accountNoticePrefs, countUnread, setNoticeEmailChoice } from "~/modules/notices/notices.server";

export const handle = { i18n: ["auth", "responses"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const saved = new URL(request.url).searchParams.get("saved") === "1";
  const [unread, [prefs]] = await Promise.all([countUnread(user.id), accountNoticePrefs(user.id)]);
  return { user: { displayName: user.displayName, kind: user.kind, email: user.email }, unread, noticeEmail: prefs?.noticeEmail ?? "each", saved, title: tFor(context.locale)("auth:account.title") };
}

/** A participant may add an email for notices later; it is never required (001 §33). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const values = formValues(await request.formData());
  if (values.intent === "noticeEmail") {
    const choice = noticeEmailChoices.find((c) => c === values.noticeEmail);
    if (!choice) return data({ values, errors: { noticeEmail: ["responses:errors.choice"] } }, { status: 400 });
    await setNoticeEmailChoice({ userId: user.id, choice });
    return redirect("/account?saved=1", 303);
  }
  if (values.intent === "delete") {
    if (values.confirm !== "yes") return data({ values, errors: { confirm: ["auth:errors.confirmDelete"] } }, { status: 400 });
    await deleteAccount({ userId: user.id, withdrawInputs: values.withdraw === "yes" });
    return redirect("/?deleted=1", { status: 303, headers: { "Set-Cookie": clearSessionCookie({ secure: context.secure }) } });
  }
  const parsed = AddEmailSchema.safeParse(values);
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await setNoticeEmail(user.id, parsed.data.email);
  if (!result.ok) return data({ values, errors: { email: [result.error] } }, { status: result.status });
  return redirect("/account?saved=1", 303);
}

export default function Account() {
  const { user, saved, unread, noticeEmail } = useLoaderData<typeof loader>();
  const { values, errors } = useFormState();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("auth:account.title")}</h1>
      {saved ? (
        <Notice>{t("auth:account.emailSaved")}</Notice>
      ) : null}
      <p>{t("auth:account.signedInAs", { name: user.displayName })}</p>
      <section aria-labelledby="inbox-heading">
        <h2 id="inbox-heading">{t("responses:inbox.title")}</h2>
        <p>
          <Link to="/account/inbox">{t("responses:inbox.unread", { count: unread })}</Link>
        </p>
        {user.email ? (
          <Form method="post" className="form">
            <CsrfField />
            <input type="hidden" name="intent" value="noticeEmail" />
            <fieldset className="field">
              <legend className="field__label">{t("responses:inbox.emailChoice")}</legend>
              {noticeEmailChoices.map((c) => (
                <div className="checkbox" key={c}>
                  <input type="radio" id={`noticeEmail-${c}`} name="noticeEmail" value={c} defaultChecked={noticeEmail === c} />
                  <label htmlFor={`noticeEmail-${c}`}>{t(`responses:inbox.email.${c}`)}</label>
                </div>
              ))}
            </fieldset>
            <button type="submit" className="button button--secondary">
              {t("responses:inbox.saveChoice")}
            </button>
          </Form>
        ) : (
          <p className="hint">{t("responses:inbox.noEmail")}</p>
        )}
      </section>
      {user.kind === "participant" ? (
        <section aria-labelledby="email-heading">
          <h2 id="email-heading">{t("auth:account.email.heading")}</h2>
          {values.intent === "delete" ? null : <ErrorSummary errors={errors} labels={{ email: t("auth:account.email.label") }} />}
          <Form method="post" noValidate className="form">
            <CsrfField />
            <Field name="email" label={t("auth:account.email.label")} hint={t("auth:account.email.hint")} errors={errors}>
              {(p) => <input {...p} type="email" autoComplete="email" defaultValue={valueOf(values, "email") ?? user.email ?? ""} />}
            </Field>
            <button type="submit" className="button">
              {t("auth:account.email.submit")}
            </button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t("auth:account.data.heading")}</h2>
        <p>{t("auth:account.data.intro")}</p>
        <p>
          <a href="/account/export.json" download>
            {t("auth:account.data.export")}
          </a>
        </p>
      </section>
      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t("auth:account.delete.heading")}</h2>
        <p>{t("auth:account.delete.intro")}</p>
        {values.intent === "delete" ? <ErrorSummary errors={errors} /> : null}
        <Form method="post" noValidate className="form">
          <CsrfField />
          <input type="hidden" name="intent" value="delete" />
          <div className="checkbox">
            <input type="checkbox" id="withdraw" name="withdraw" value="yes" defaultChecked={values.withdraw === "yes"} />
            <label htmlFor="withdraw">{t("auth:account.delete.withdraw")}</label>
          </div>
          <div className="field" data-invalid={errors.confirm && values.intent === "delete" ? "" : undefined}>
            {errors.confirm && values.intent === "delete" ? (
              <p className="field__error" id="confirm-error">
                {t(errors.confirm[0])}
              </p>
            ) : null}
            <div className="checkbox">
              <input type="checkbox" id="confirm" name="confirm" value="yes" aria-describedby={errors.confirm ? "confirm-error" : undefined} aria-invalid={errors.confirm ? true : undefined} />
              <label htmlFor="confirm">{t("auth:account.delete.confirm")}</label>
            </div>
          </div>
          <button type="submit" className="button button--danger">
            {t("auth:account.delete.submit")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="signout-heading">
        <h2 id="signout-heading">{t("auth:account.signOut.heading")}</h2>
        <Form method="post" action="/logout" className="inline-form">
          <CsrfField />
          <button type="submit" className="button">
            {t("auth:account.signOut.here")}
          </button>
        </Form>
        <Form method="post" action="/logout" className="inline-form">
          <CsrfField />
          <input type="hidden" name="intent" value="everywhere" />
          <button type="submit" className="button button--secondary">
            {t("auth:account.signOut.everywhere")}
          </button>
        </Form>
      </section>
    </>
  );
}
