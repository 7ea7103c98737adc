import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { CsrfField, ErrorSummary, Field, useFormState, valueOf } from "~/components/forms";
import { tFor } from "~/i18n.server";
import { fieldErrors, formValues } from "~/lib/forms";
import { acceptInvitation, findOpenInvitation } from "~/modules/auth/auth.server";
import { redirectSignedIn } from "~/modules/auth/guards.server";
import { AcceptInvitationSchema } from "~/modules/auth/schema";

export const handle = { i18n: ["auth"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  // Open to everyone holding the link: the one-time token is the authorisation.
  const invitation = await findOpenInvitation(params.token!);
  if (!invitation) throw data(null, { status: 410 });
  return { email: invitation.email, title: tFor(context.locale)("auth:invite.title") };
}

/** A new staff member chooses their name and password; the link then stops working. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  // Open to everyone holding the link: the one-time token is the authorisation.
  const formData = await request.formData();
  const values = formValues(formData, { omit: ["password", "confirmPassword"] });
  const parsed = AcceptInvitationSchema.safeParse(formValues(formData));
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await acceptInvitation({ token: params.token!, ...parsed.data });
  if (!result.ok) return data({ values, errors: { form: [result.error] } }, { status: result.status });
  return redirectSignedIn("/admin", result, context);
}

export default function AcceptInvitation() {
  const { email } = useLoaderData<typeof loader>();
  const { values, errors } = useFormState();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("auth:invite.title")}</h1>
      <p>{t("auth:invite.intro", { email })}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="form">
        <CsrfField />
        <Field name="displayName" label={t("auth:invite.name.label")} errors={errors}>
          {(p) => <input {...p} type="text" autoComplete="name" defaultValue={valueOf(values, "displayName") ?? ""} />}
        </Field>
        <Field name="password" label={t("auth:invite.password.label")} hint={t("auth:invite.password.hint")} errors={errors}>
          {(p) => <input {...p} type="password" autoComplete="new-password" />}
        </Field>
        <Field name="confirmPassword" label={t("auth:invite.confirm.label")} errors={errors}>
          {(p) => <input {...p} type="password" autoComplete="new-password" />}
        </Field>
        <button type="submit" className="button">
          {t("auth:invite.submit")}
        </button>
      </Form>
    </>
  );
}

export { ErrorBoundary } from "~/root";
