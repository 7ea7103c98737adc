import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { ChoiceGroup, CsrfField, ErrorSummary, Field, valueOf } from "~/components/forms";
import { tFor } from "~/i18n.server";
import { fieldErrors, formValues, type FieldErrors, type FormValues } from "~/lib/forms";
import { requirePermission } from "~/modules/auth/guards.server";
import { createGroup, joinGroupByCode, listMyGroups } from "~/modules/groups/groups.server";
import { groupKinds, JoinGroupSchema, NewGroupSchema } from "~/modules/groups/schema";
import { requireParticipation } from "~/lib/participation.server";
import type { ConsultationLayoutData } from "./c.$slug";

export const handle = { i18n: ["inputs", "consultations"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "comment:consultation");
  const { participationId } = await requireParticipation(request, context, params.slug!);
  return {
    groups: participationId ? await listMyGroups({ participationId }) : [],
    joined: Boolean(participationId),
    title: tFor(context.locale)("inputs:groups.title"),
  };
}

type ActionData = { form: "create" | "join"; values: FormValues; errors: FieldErrors };

export async function action({ request, params, context }: ActionFunctionArgs) {
  requirePermission(request, context, "comment:consultation");
  const { consultation, participationId } = await requireParticipation(request, context, params.slug!);
  const values = formValues(await request.formData());
  const form = values.intent === "join" ? "join" : "create";
  if (!participationId) return data<ActionData>({ form, values, errors: { form: ["inputs:errors.notJoined"] } }, { status: 403 });
  if (form === "join") {
    const parsed = JoinGroupSchema.safeParse(values);
    if (!parsed.success) return data<ActionData>({ form, values, errors: fieldErrors(parsed.error) }, { status: 400 });
    const joined = await joinGroupByCode({ consultationId: consultation.id, participationId, code: parsed.data.code });
    if (!joined.ok) return data<ActionData>({ form, values, errors: { code: [joined.error] } }, { status: joined.status });
    return redirect(`/c/${consultation.slug}/groups/${joined.id}`, 303);
  }
  const parsed = NewGroupSchema.safeParse(values);
  if (!parsed.success) return data<ActionData>({ form, values, errors: fieldErrors(parsed.error) }, { status: 400 });
  const created = await createGroup({ consultationId: consultation.id, participationId, ...parsed.data });
  if (!created.ok) return data<ActionData>({ form, values, errors: { name: [created.error] } }, { status: created.status });
  return redirect(`/c/${consultation.slug}/groups/${created.id}`, 303);
}

export default function Groups() {
  const { groups, joined } = useLoaderData<typeof loader>();
  const { consultation: c } = useRouteLoaderData<ConsultationLayoutData>("routes/c.$slug")!;
  const action = useActionData<ActionData>();
  const { t } = useTranslation();
  const state = (form: ActionData["form"]) => (action?.form === form ? action : { values: {} as FormValues, errors: {} as FieldErrors });
  const create = state("create");
  const join = state("join");
  return (
    <>
      <p className="eyebrow">{c.title}</p>
      <h1>{t("inputs:groups.title")}</h1>
      <p className="lead">{t("inputs:groups.intro")}</p>
      {!joined ? (
        <p>
          <Link className="button" to={`/c/${c.slug}/join`}>
            {t("consultations:takePart.join")}
          </Link>
        </p>
      ) : (
        <>
          {groups.length ? (
            <ul>
              {groups.map((g) => (
                <li key={g.id}>
                  <Link to={`/c/${c.slug}/groups/${g.id}`}>{g.name}</Link> · {t(`inputs:groups.kind.${g.kind}`)} · {t("inputs:groups.members", { count: g.members })}
                  {g.role === "coordinator" ? ` · ${t("inputs:groups.coordinator")}` : null}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("inputs:groups.none")}</p>
          )}
          <section aria-labelledby="join-group-heading">
            <h2 id="join-group-heading">{t("inputs:groups.join.heading")}</h2>
            <ErrorSummary errors={join.errors} />
            <Form method="post" noValidate className="form">
              <CsrfField />
              <input type="hidden" name="intent" value="join" />
              <Field name="code" label={t("inputs:groups.join.code")} hint={t("inputs:groups.join.codeHint")} errors={join.errors}>
                {(p) => <input {...p} type="text" autoCapitalize="characters" autoComplete="off" spellCheck={false} maxLength={20} defaultValue={valueOf(join.values, "code") ?? ""} />}
              </Field>
              <button type="submit" className="button">
                {t("inputs:groups.join.submit")}
              </button>
            </Form>
          </section>
          <section aria-labelledby="create-group-heading">
            <h2 id="create-group-heading">{t("inputs:groups.create.heading")}</h2>
            <ErrorSummary errors={create.errors} />
            <Form method="post" noValidate className="form">
              <CsrfField />
              <input type="hidden" name="intent" value="create" />
              <Field name="name" label={t("inputs:groups.create.name")} errors={create.errors}>
                {(p) => <input {...p} type="text" maxLength={120} defaultValue={valueOf(create.values, "name") ?? ""} />}
              </Field>
              <ChoiceGroup
                name="kind"
                type="radio"
                legend={t("inputs:groups.create.kind")}
                options={groupKinds.map((k) => ({ value: k, label: t(`inputs:groups.kind.${k}`) }))}
                checked={[valueOf(create.values, "kind") ?? "union"]}
                errors={create.errors}
              />
              <button type="submit" className="button">
                {t("inputs:groups.create.submit")}
              </button>
            </Form>
          </section>
        </>
      )}
    </>
  );
}
