import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Notice } from "~/components/notice";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { CsrfField, ErrorSummary, Field, LanguageOptions, useFormState, valueOf } from "~/components/forms";
import { tFor } from "~/i18n.server";
import { fieldErrors, formValues } from "~/lib/forms";
import { requirePermission } from "~/modules/auth/guards.server";
import { getPublicBriefing } from "~/modules/consultations/briefing.server";
import { getDeploymentForEditing } from "~/modules/deployments/deployments.server";
import { newIdempotencyKey } from "~/modules/inputs/inputs.server";
import { addInputWithPhoto, checkPhoto } from "~/modules/inputs/photos.server";
import { ProxyInputSchema, proxyMethods } from "~/modules/inputs/schema";

export const handle = { i18n: ["inputs", "consultations", "dossier"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The consultation, with the permission checked again in the organisation that owns it. */
async function requireFacilitator(request: Request, context: Parameters<typeof requirePermission>[1], slug: string) {
  const user = requirePermission(request, context, "enter:proxy_input")!;
  const briefing = await getPublicBriefing(slug, { withDossier: false });
  const deployment = await getDeploymentForEditing(briefing.consultation.deploymentSlug);
  requirePermission(request, context, "enter:proxy_input", deployment.organisationId);
  return { user, ...briefing };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "enter:proxy_input");
  const { consultation, pack } = await requireFacilitator(request, context, params.slug!);
  return {
    consultation,
    codes: pack.questions.map((q) => q.code),
    idempotencyKey: newIdempotencyKey(),
    done: new URL(request.url).searchParams.get("done") === "1",
    title: tFor(context.locale)("inputs:proxy.title"),
  };
}

/** 000 §23, §56: what an offline group said, published on its behalf, never as the facilitator's view. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  requirePermission(request, context, "enter:proxy_input");
  const { user, consultation, pack } = await requireFacilitator(request, context, params.slug!);
  const formData = await request.formData();
  const values = formValues(formData);
  const parsed = ProxyInputSchema.safeParse(values);
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const p = parsed.data;
  if (p.questionCode && !pack.questions.some((q) => q.code === p.questionCode)) {
    return data({ values, errors: { questionCode: ["inputs:errors.unknownTarget"] } }, { status: 400 });
  }
  // The photo of the sheet is optional; when given it must be a picture or a PDF, checked before anything is written.
  const file = formData.get("photo");
  const bytes = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
  const photo = bytes ? checkPhoto(bytes, (file as File).name) : null;
  if (photo && !photo.ok) return data({ values, errors: { photo: [photo.error] } }, { status: photo.status });
  const result = await addInputWithPhoto(
    {
      consultation,
      body: p.body,
      sectionRef: p.questionCode ? `question:${p.questionCode}` : undefined,
      lang: p.lang,
      concerns: [],
      proposedMitigation: "",
      attribution: "chatham_house",
      idempotencyKey: p.idempotencyKey,
      proxy: { facilitatorId: user.id, count: p.count, method: p.method, place: p.place, originalDate: p.originalDate },
    },
    photo?.ok && bytes ? { contentType: photo.contentType, bytes } : null,
  );
  if (!result.ok) return data({ values, errors: { form: [result.error] } }, { status: result.status });
  return redirect(`/c/${consultation.slug}/proxy?done=1`, 303);
}

export default function ProxyEntry() {
  const { consultation: c, codes, idempotencyKey, done } = useLoaderData<typeof loader>();
  const { values, errors } = useFormState();
  const { t } = useTranslation();
  return (
    <>
      <p className="eyebrow" lang={c.lang}>
        {c.title}
      </p>
      <h1>{t("inputs:proxy.title")}</h1>
      {done ? (
        <Notice>{t("inputs:proxy.done")}</Notice>
      ) : null}
      <p>{t("inputs:proxy.intro")}</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="form" encType="multipart/form-data">
        <CsrfField />
        {/* A fresh key after each entry; a resubmitted form keeps its own, so it lands once. */}
        <input type="hidden" name="idempotencyKey" value={valueOf(values, "idempotencyKey") ?? idempotencyKey} />
        <Field name="questionCode" label={t("inputs:proxy.question")} hint={`${t("inputs:proxy.questionHint")} ${codes.join(", ")}`} errors={errors}>
          {(p) => <input {...p} type="text" autoCapitalize="characters" maxLength={8} defaultValue={valueOf(values, "questionCode") ?? ""} />}
        </Field>
        <Field name="body" label={t("inputs:proxy.body")} errors={errors}>
          {(p) => <textarea {...p} rows={8} defaultValue={valueOf(values, "body") ?? ""} />}
        </Field>
        <Field name="lang" label={t("inputs:proxy.lang")} errors={errors}>
          {(p) => (
            <select {...p} defaultValue={valueOf(values, "lang") ?? c.lang}>
              <LanguageOptions />
            </select>
          )}
        </Field>
        <Field name="originalDate" label={t("inputs:proxy.date")} errors={errors}>
          {(p) => <input {...p} type="date" defaultValue={valueOf(values, "originalDate") ?? ""} />}
        </Field>
        <Field name="place" label={t("inputs:proxy.place")} errors={errors}>
          {(p) => <input {...p} type="text" defaultValue={valueOf(values, "place") ?? ""} />}
        </Field>
        <Field name="method" label={t("inputs:proxy.method")} errors={errors}>
          {(p) => (
            <select {...p} defaultValue={valueOf(values, "method") ?? "workshop"}>
              {proxyMethods.map((m) => (
                <option key={m} value={m}>
                  {t(`inputs:method.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="count" label={t("inputs:proxy.count")} errors={errors}>
          {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={1000000} defaultValue={valueOf(values, "count") ?? ""} />}
        </Field>
        <Field name="photo" label={t("inputs:proxy.photo")} hint={t("inputs:proxy.photoHint")} errors={errors}>
          {(p) => <input {...p} type="file" accept="image/jpeg,image/png,image/webp,application/pdf" capture="environment" />}
        </Field>
        <button type="submit" className="button">
          {t("inputs:proxy.submit")}
        </button>
      </Form>
    </>
  );
}

export { ErrorBoundary } from "~/root";
