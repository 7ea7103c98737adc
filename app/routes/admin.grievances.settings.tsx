import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { CsrfField, ErrorSummary, Field, useFormState, valueOf } from "~/components/forms";
import { Notice } from "~/components/notice";
import { tFor } from "~/i18n.server";
import { fieldErrors, formValues } from "~/lib/forms";
import { requirePermission } from "~/modules/auth/guards.server";
import { organisationsWhere, type SessionUser } from "~/modules/auth/permissions";
import { stagedStates } from "~/modules/grievances/constants";
import { listOrganisations } from "~/modules/auth/auth.server";
import { contestDays } from "~/modules/responses/contests.server";
import { getStages, saveStages, type Stages } from "~/modules/grievances/grievances.server";
import { StagesSchema } from "~/modules/grievances/schema";

export const handle = { i18n: ["admin", "grievances"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The organisation asked for (?org=), among those the admin manages; the first one when none is asked. */
async function chosenOrganisation(request: Request, user: SessionUser) {
  const organisations = await listOrganisations({ ids: organisationsWhere(user, "manage:organisation") });
  const asked = new URL(request.url).searchParams.get("org");
  const organisation = asked ? organisations.find((o) => o.id === asked) : organisations[0];
  if (!organisation) throw data(null, { status: 404 });
  return { organisations, organisation };
}

/**
 * Per organisation: who is responsible for each step of a grievance and how many days they have, and the
 * time a lead has to answer a contested response (001 §60: a responsible entity and timelines).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context, "manage:organisation")!;
  const { organisations, organisation } = await chosenOrganisation(request, user);
  const [{ stages }, days] = await Promise.all([getStages(organisation.id), contestDays(organisation.id)]);
  return { organisations, organisation, stages, contestDays: days, title: tFor(context.locale, "grievances")("grievances:settings.title") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, context, "manage:organisation")!;
  const { organisation } = await chosenOrganisation(request, user);
  const values = formValues(await request.formData());
  const parsed = StagesSchema.safeParse(values);
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const stages = Object.fromEntries(stagedStates.map((s) => [s, { entity: parsed.data[`entity_${s}`], days: parsed.data[`days_${s}`] }])) as Stages;
  await saveStages({ organisationId: organisation.id, stages, contestDays: parsed.data.contestDays, actorId: user.id });
  return redirect(`/admin/grievances/settings?org=${organisation.id}&saved=1`, 303);
}

export default function GrievanceSettings() {
  const { organisations, organisation, stages, contestDays } = useLoaderData<typeof loader>();
  const { values, errors } = useFormState();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const labels: Record<string, string> = { contestDays: t("grievances:settings.contestDays") };
  for (const s of stagedStates) {
    labels[`entity_${s}`] = t("grievances:settings.entity", { stage: t(`grievances:stage.${s}`) });
    labels[`days_${s}`] = t("grievances:settings.days", { stage: t(`grievances:stage.${s}`) });
  }
  return (
    <>
      <p className="eyebrow">
        <Link to="/admin/grievances">{t("grievances:staff.back")}</Link>
      </p>
      <h1>{t("grievances:settings.title")}</h1>
      <p>{t("grievances:settings.intro")}</p>
      {search.get("saved") ? <Notice>{t("grievances:settings.saved")}</Notice> : null}
      {organisations.length > 1 ? (
        <form method="get" className="filters">
          <Field name="org" label={t("grievances:settings.organisation")}>
            {(p) => (
              <select {...p} defaultValue={organisation.id}>
                {organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="button button--secondary">
            {t("grievances:queue.apply")}
          </button>
        </form>
      ) : null}
      <h2>{organisation.name}</h2>
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" noValidate className="form">
        <CsrfField />
        {stagedStates.map((s) => (
          <fieldset key={s} className="form-subsection">
            <legend>{t(`grievances:stage.${s}`)}</legend>
            <Field name={`entity_${s}`} label={labels[`entity_${s}`]} errors={errors}>
              {(p) => <input {...p} maxLength={300} defaultValue={valueOf(values, `entity_${s}`) ?? stages[s].entity} />}
            </Field>
            <Field name={`days_${s}`} label={labels[`days_${s}`]} errors={errors}>
              {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={365} defaultValue={valueOf(values, `days_${s}`) ?? String(stages[s].days)} />}
            </Field>
          </fieldset>
        ))}
        <Field name="contestDays" label={labels.contestDays} errors={errors}>
          {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={365} defaultValue={valueOf(values, "contestDays") ?? String(contestDays)} />}
        </Field>
        <button type="submit" className="button">
          {t("grievances:settings.save")}
        </button>
      </Form>
    </>
  );
}

export { ErrorBoundary } from "~/root";
