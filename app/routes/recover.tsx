import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { CsrfField, ErrorSummary, Field, useFormState, valueOf } from "~/components/forms";
import { tFor } from "~/i18n.server";
import { fieldErrors, formValues } from "~/lib/forms";
import { signInWithRecoveryCode } from "~/modules/auth/auth.server";
import { redirectSignedIn, requirePermission, safeRedirect } from "~/modules/auth/guards.server";
import { RecoverSchema } from "~/modules/auth/schema";

export const handle = { i18n: ["auth"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:consultation");
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/");
  return { redirectTo, title: tFor(context.locale)("auth:recover.title") };
}

/** A participant comes back with the recovery code they were given at join (001 §33). */
export async function action({ request, context }: ActionFunctionArgs) {
  // Open to everyone: signing in is how a person gets their permissions.
  const values = formValues(await request.formData());
  const parsed = RecoverSchema.safeParse(values);
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const result = await signInWithRecoveryCode(parsed.data.code);
  if (!result.ok) return data({ values, errors: { code: [result.error] } }, { status: result.status });
  return redirectSignedIn(safeRedirect(values.redirectTo as string, "/"), result, context);
}

export default function Recover() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const { values, errors } = useFormState();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("auth:recover.title")}</h1>
      <p className="lead">{t("auth:recover.intro")}</p>
      <ErrorSummary errors={errors} labels={{ code: t("auth:recover.code.label") }} />
      <Form method="post" noValidate className="form">
        <CsrfField />
        <input type="hidden" name="redirectTo" value={valueOf(values, "redirectTo") ?? redirectTo} />
        <Field name="code" label={t("auth:recover.code.label")} hint={t("auth:recover.code.hint")} errors={errors}>
          {(p) => <input {...p} type="text" autoComplete="off" autoCapitalize="characters" spellCheck={false} defaultValue={valueOf(values, "code") ?? ""} />}
        </Field>
        <button type="submit" className="button">
          {t("auth:recover.submit")}
        </button>
      </Form>
    </>
  );
}
