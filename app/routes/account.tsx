import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField, ErrorSummary, Field, useFormState, valueOf } from "~/components/forms";
import { tFor } from "~/i18n.server";
import { fieldErrors, formValues } from "~/lib/forms";
import { setNoticeEmail } from "~/modules/auth/auth.server";
import { requireUser } from "~/modules/auth/guards.server";
import { AddEmailSchema } from "~/modules/auth/schema";

export const handle = { i18n: ["auth"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const saved = new URL(request.url).searchParams.get("saved") === "1";
  return { user: { displayName: user.displayName, kind: user.kind, email: user.email }, saved, title: tFor(context.locale)("auth:account.title") };
}

/** A participant may add an email for notices later; it is never required (001 §33). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const values = formValues(await request.formData());
  const parsed = AddEmailSchema.safeParse(values);
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await setNoticeEmail(user.id, parsed.data.email);
  if (!result.ok) return data({ values, errors: { email: [result.error] } }, { status: result.status });
  return redirect("/account?saved=1", 303);
}

export default function Account() {
  const { user, saved } = useLoaderData<typeof loader>();
  const { values, errors } = useFormState();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("auth:account.title")}</h1>
      {saved ? (
        <p className="notice" role="status">
          {t("auth:account.emailSaved")}
        </p>
      ) : null}
      <p>{t("auth:account.signedInAs", { name: user.displayName })}</p>
      {user.kind === "participant" ? (
        <section aria-labelledby="email-heading">
          <h2 id="email-heading">{t("auth:account.email.heading")}</h2>
          <ErrorSummary errors={errors} labels={{ email: t("auth:account.email.label") }} />
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
