import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { CsrfField, ErrorSummary, Field, useFormState, valueOf } from "~/components/forms";
import { tFor } from "~/i18n.server";
import { fieldErrors, formValues } from "~/lib/forms";
import { signInStaff } from "~/modules/auth/auth.server";
import { redirectSignedIn, requirePermission, safeRedirect } from "~/modules/auth/guards.server";
import { LoginSchema } from "~/modules/auth/schema";

export const handle = { i18n: ["auth"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:consultation");
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/admin");
  return { redirectTo, title: tFor(context.locale)("auth:login.title") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  // Open to everyone: signing in is how a person gets their permissions.
  // The password is never sent back to the page (Epic Stack's hideFields).
  const formData = await request.formData();
  const values = formValues(formData, { omit: ["password"] });
  const parsed = LoginSchema.safeParse(formValues(formData));
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await signInStaff(parsed.data);
  if (!result.ok) {
    const headers: HeadersInit = result.retryAfterSeconds ? { "Retry-After": String(result.retryAfterSeconds) } : {};
    return data({ values, errors: { form: [result.error] } }, { status: result.status, headers });
  }
  return redirectSignedIn(safeRedirect(parsed.data.redirectTo, "/admin"), result, context);
}

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const { values, errors } = useFormState();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("auth:login.title")}</h1>
      <p className="panel">
        {t("auth:login.participantHint")} <Link to="/recover">{t("auth:login.participantLink")}</Link>
      </p>
      <ErrorSummary errors={errors} labels={{ email: t("auth:login.email.label"), password: t("auth:login.password.label") }} />
      <Form method="post" noValidate className="form">
        <CsrfField />
        <input type="hidden" name="redirectTo" value={valueOf(values, "redirectTo") ?? redirectTo} />
        <Field name="email" label={t("auth:login.email.label")} errors={errors}>
          {(p) => <input {...p} type="email" autoComplete="username" defaultValue={valueOf(values, "email") ?? ""} />}
        </Field>
        <Field name="password" label={t("auth:login.password.label")} errors={errors}>
          {(p) => <input {...p} type="password" autoComplete="current-password" />}
        </Field>
        <button type="submit" className="button">
          {t("auth:login.submit")}
        </button>
      </Form>
    </>
  );
}
