import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Notice } from "~/components/notice";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { labelForPath } from "~/components/dossier-diff";
import { DossierFields } from "~/components/dossier-form";
import { CsrfField, ErrorSummary, Field, IntentButton } from "~/components/forms";
import { tFor } from "~/i18n.server";
import { formatNumber } from "~/lib/format";
import type { FieldErrors } from "~/lib/forms";
import { requirePermission } from "~/modules/auth/guards.server";
import { addAttachment, deleteAttachment, listAttachments } from "~/modules/deployments/attachments.server";
import { listConsultationsOfDeployment } from "~/modules/consultations/consultations.server";
import { getDeploymentForEditing, listVersions, publishDossier, saveDraft } from "~/modules/deployments/deployments.server";
import { DossierSchema, dossierFromForm, errorsByPath, PublishSchema } from "~/modules/deployments/schema";

export const handle = { i18n: ["admin", "dossier"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "manage:deployment");
  const deployment = await getDeploymentForEditing(params.slug!);
  requirePermission(request, context, "manage:deployment", deployment.organisationId);
  const url = new URL(request.url);
  const [versions, attachments, consultations] = await Promise.all([
    listVersions({ deploymentId: deployment.id, limit: 1 }),
    listAttachments({ deploymentId: deployment.id }),
    listConsultationsOfDeployment({ deploymentId: deployment.id }),
  ]);
  return {
    deployment,
    nextVersion: (deployment.publishedVersion ?? 0) + 1,
    saved: url.searchParams.get("saved") === "1",
    published: Number(url.searchParams.get("published")) || null,
    material: url.searchParams.get("material") === "1",
    attachment: url.searchParams.get("attachment"),
    consultations,
    attachments: attachments.map((a) => ({ ...a, kb: formatNumber(Math.max(1, Math.round(a.size / 1024)), context.locale) })),
    lastMaterial: versions[0]?.materialChange ?? false,
    title: tFor(context.locale)("admin:deployments.edit.title", { name: deployment.name }),
  };
}

type ActionData = { intent: "save" | "publish" | "upload"; values?: unknown; changeSummary?: string; title?: string; errors: FieldErrors };

/**
 * intent=save: validates the whole dossier and saves it as the draft. intent=publish: publishes the
 * saved draft as the next version, or shows why not beside each field.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requirePermission(request, context, "manage:deployment")!;
  const deployment = await getDeploymentForEditing(params.slug!);
  requirePermission(request, context, "manage:deployment", deployment.organisationId);
  const form = await request.formData();

  if (form.get("intent") === "upload") {
    const title = String(form.get("title") ?? "");
    const file = form.get("file");
    const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
    const added = await addAttachment({ deploymentId: deployment.id, title, filename: file instanceof File ? file.name : "", bytes, actorId: user.id });
    if (!added.ok) return data<ActionData>({ intent: "upload", title, errors: { [added.field]: [added.error] } }, { status: added.status });
    return redirect(`/admin/deployments/${deployment.slug}?attachment=added#documents-heading`, 303);
  }

  if (form.get("intent") === "deleteAttachment") {
    await deleteAttachment({ deploymentId: deployment.id, id: String(form.get("id") ?? ""), actorId: user.id });
    return redirect(`/admin/deployments/${deployment.slug}?attachment=removed#documents-heading`, 303);
  }

  if (form.get("intent") === "publish") {
    const changeSummary = String(form.get("changeSummary") ?? "");
    const parsed = PublishSchema.safeParse({ changeSummary });
    if (!parsed.success) return data<ActionData>({ intent: "publish", changeSummary, errors: errorsByPath(parsed.error) }, { status: 400 });
    const result = await publishDossier({ deploymentId: deployment.id, changeSummary: parsed.data.changeSummary, actorId: user.id });
    if (!result.ok) {
      return data<ActionData>({ intent: "publish", changeSummary, errors: { form: [result.error], ...(result.fieldErrors ?? {}) } }, { status: result.status });
    }
    return redirect(`/admin/deployments/${deployment.slug}?published=${result.version}${result.materialChanges.length ? "&material=1" : ""}`, 303);
  }

  const values = dossierFromForm(form);
  const parsed = DossierSchema.safeParse(values);
  if (!parsed.success) return data<ActionData>({ intent: "save", values, errors: errorsByPath(parsed.error) }, { status: 400 });
  await saveDraft({ deploymentId: deployment.id, dossier: parsed.data, actorId: user.id });
  return redirect(`/admin/deployments/${deployment.slug}?saved=1`, 303);
}

export default function EditDossier() {
  const { deployment, nextVersion, saved, published, material, attachment, attachments, consultations } = useLoaderData<typeof loader>();
  const action = useActionData<ActionData>();
  const { t } = useTranslation();
  // After a refused save, the form shows what was typed; otherwise the saved draft.
  const values = (action?.intent === "save" ? action.values : deployment.draft) as Record<string, unknown>;
  const errors = action?.intent === "upload" ? {} : (action?.errors ?? {});
  const uploadErrors = action?.intent === "upload" ? action.errors : {};
  return (
    <>
      <h1>{t("admin:deployments.edit.title", { name: deployment.name })}</h1>
      {saved ? (
        <Notice>{t("admin:deployments.edit.saved")}</Notice>
      ) : null}
      {published ? (
        <Notice>{t("admin:deployments.publish.published", { version: String(published) })} {material ? t("admin:deployments.publish.material") : null}</Notice>
      ) : null}
      <p>
        {t("admin:deployments.edit.intro")}{" "}
        {deployment.publishedVersion ? <Link to={`/register/${deployment.slug}`}>{t("admin:deployments.edit.viewPublic")}</Link> : null}
      </p>
      <p>{t("admin:deployments.edit.history", { number: String(deployment.publishedVersion ?? 0) })}</p>
      {consultations.length ? (
        <section aria-labelledby="consultations-heading">
          <h2 id="consultations-heading">{t("admin:briefing.consultations")}</h2>
          <ul>
            {consultations.map((c) => (
              <li key={c.slug}>
                <Link to={`/admin/consultations/${c.slug}/briefing`}>{t("admin:briefing.edit", { title: c.title })}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ErrorSummary errors={errors} labels={Object.fromEntries(Object.keys(errors).filter((k) => k.includes(".")).map((k) => [k, labelForPath(k, t)]))} />
      <Form method="post" noValidate className="form">
        <CsrfField />
        <input type="hidden" name="intent" value="save" />
        <DossierFields values={values} errors={errors} />
        <button type="submit" className="button">
          {t("admin:deployments.edit.save")}
        </button>
      </Form>
      <section aria-labelledby="documents-heading">
        <h2 id="documents-heading">{t("dossier:attachments.heading")}</h2>
        {attachment === "added" || attachment === "removed" ? (
          <Notice>{t(`dossier:attachments.${attachment}`)}</Notice>
        ) : null}
        {attachments.length === 0 ? (
          <p>{t("dossier:attachments.none")}</p>
        ) : (
          <ul className="documents">
            {attachments.map((a) => (
              <li key={a.id}>
                {a.title} ({a.filename}, {t("dossier:attachments.size", { size: a.kb })}){" "}
                <IntentButton intent="deleteAttachment" fields={{ id: a.id }} className="button--link">
                  {t("dossier:attachments.remove", { title: a.title })}
                </IntentButton>
              </li>
            ))}
          </ul>
        )}
        <ErrorSummary errors={uploadErrors} />
        <Form method="post" encType="multipart/form-data" noValidate className="form">
          <CsrfField />
          <input type="hidden" name="intent" value="upload" />
          <Field name="title" label={t("dossier:attachments.title")} errors={uploadErrors}>
            {(p) => <input {...p} type="text" defaultValue={action?.intent === "upload" ? action.title : ""} />}
          </Field>
          <Field name="file" label={t("dossier:attachments.file")} hint={t("dossier:attachments.fileHint")} errors={uploadErrors}>
            {(p) => <input {...p} type="file" accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.odt,.ods,.odp,.txt,.csv" />}
          </Field>
          <button type="submit" className="button">
            {t("dossier:attachments.upload")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="publish-heading" className="panel">
        <h2 id="publish-heading">{t("admin:deployments.publish.heading")}</h2>
        <p>{t("admin:deployments.publish.intro")}</p>
        <Form method="post" noValidate className="form">
          <CsrfField />
          <input type="hidden" name="intent" value="publish" />
          <Field name="changeSummary" label={t("admin:deployments.publish.changeSummary")} hint={t("admin:deployments.publish.changeSummaryHint")} errors={errors}>
            {(p) => <textarea {...p} rows={2} defaultValue={action?.intent === "publish" ? action.changeSummary : ""} />}
          </Field>
          <button type="submit" className="button">
            {t("admin:deployments.publish.submit", { version: String(nextVersion) })}
          </button>
        </Form>
      </section>
    </>
  );
}

export { ErrorBoundary } from "~/root";
