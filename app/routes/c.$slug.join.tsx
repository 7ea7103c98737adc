import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { ChoiceGroup, CsrfField, ErrorSummary, Field, LanguageOptions, useFormState, valueOf, valuesOf } from "~/components/forms";
import { dirOf, isSupportedLng } from "~/i18n";
import { tFor } from "~/i18n.server";
import { RECOVERY_COOKIE, serializeCookie } from "~/lib/cookies";
import { fieldErrors, formValues } from "~/lib/forms";
import { languageCookie } from "~/lib/locale.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { JoinSchema } from "~/modules/auth/schema";
import { sessionCookie } from "~/modules/auth/sessions.server";
import {
  findParticipation,
  getPublicConsultation,
  isAcceptingInput,
  joinAsNewParticipant,
  joinConsultation,
} from "~/modules/consultations/consultations.server";
import { listTargetGroups } from "~/modules/consultations/manage.server";
import { ModerationPolicy } from "~/components/policy";
import type { ConsultationLayoutData } from "./c.$slug";

export const handle = { i18n: ["consultations", "auth"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "join:consultation");
  const consultation = await getPublicConsultation(params.slug!);
  const groups = await listTargetGroups({ consultationId: consultation.id });
  return {
    locale: context.locale,
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    moderationPolicy: consultation.moderationPolicy,
    title: tFor(context.locale)("consultations:join.title"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  requirePermission(request, context, "join:consultation");
  const consultation = await getPublicConsultation(params.slug!);
  const values = formValues(await request.formData());
  const parsed = JoinSchema.safeParse({ ...values, groups: valuesOf(values, "groups") });
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  if (!isAcceptingInput(consultation)) return data({ values, errors: { form: ["consultations:errors.closed"] } }, { status: 409 });
  const next = `/c/${consultation.slug}`;

  if (context.user) {
    const joined = await joinConsultation({ consultation, userId: context.user.id, ...parsed.data });
    if (!joined.ok) return data({ values, errors: { pseudonym: [joined.error] } }, { status: joined.status });
    return redirect(next, 303);
  }

  // Notices are written in this language: the one chosen, else the one the page was read in.
  const joined = await joinAsNewParticipant({ consultation, ...parsed.data, preferredLang: parsed.data.preferredLang || context.locale });
  if (!joined.ok) return data({ values, errors: { pseudonym: [joined.error] } }, { status: joined.status });
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(joined.token, joined.expiresAt, { secure: context.secure }));
  headers.append("Set-Cookie", serializeCookie(RECOVERY_COOKIE, joined.recoveryCode, { maxAgeSeconds: 600, secure: context.secure, path: "/" }));
  // The language they chose is the one they get from now on, on every page.
  if (parsed.data.preferredLang && isSupportedLng(parsed.data.preferredLang)) {
    headers.append("Set-Cookie", languageCookie(parsed.data.preferredLang, { secure: context.secure }));
  }
  return redirect(`/welcome?next=${encodeURIComponent(next)}`, { status: 303, headers });
}

export default function Join() {
  const { locale, groups, moderationPolicy } = useLoaderData<typeof loader>();
  const { consultation: c, participation, accepting } = useRouteLoaderData<ConsultationLayoutData>("routes/c.$slug")!;
  const root = useRouteLoaderData<{ user: { displayName: string } | null }>("root");
  const { values, errors } = useFormState();
  const { t } = useTranslation();

  if (participation) {
    return (
      <>
        <h1>{t("consultations:join.title")}</h1>
        <p>{t("consultations:takePart.joinedAs", { pseudonym: participation.pseudonym })}</p>
        <p>
          <Link to={`/c/${c.slug}`}>{t("consultations:join.back")}</Link>
        </p>
      </>
    );
  }
  if (!accepting) {
    return (
      <>
        <h1>{t("consultations:join.title")}</h1>
        <p>{t("consultations:takePart.closed")}</p>
      </>
    );
  }
  return (
    <>
      <p className="eyebrow" lang={c.lang} dir={dirOf(c.lang)}>
        {c.title}
      </p>
      <h1>{t("consultations:join.title")}</h1>
      <p className="lead">{t("consultations:join.intro")}</p>
      <ErrorSummary errors={errors} labels={{ pseudonym: t("consultations:join.pseudonym.label"), consent: t("consultations:join.consent.legend") }} />
      <Form method="post" noValidate className="form">
        <CsrfField />
        <Field name="pseudonym" label={t("consultations:join.pseudonym.label")} hint={t("consultations:join.pseudonym.hint")} errors={errors}>
          {(p) => <input {...p} type="text" autoComplete="nickname" maxLength={40} defaultValue={valueOf(values, "pseudonym") ?? root?.user?.displayName ?? ""} />}
        </Field>
        {root?.user ? null : (
          <Field name="preferredLang" label={t("consultations:join.language.label")} errors={errors}>
            {(p) => (
              <select {...p} defaultValue={valueOf(values, "preferredLang") ?? locale}>
                <LanguageOptions />
              </select>
            )}
          </Field>
        )}
        <Field name="organisation" label={t("consultations:join.organisation.label")} hint={t("consultations:join.organisation.hint")} errors={errors}>
          {(p) => <input {...p} type="text" autoComplete="organization" maxLength={200} defaultValue={valueOf(values, "organisation") ?? ""} />}
        </Field>
        {groups.length ? (
          <ChoiceGroup
            name="groups"
            legend={t("consultations:join.groups.legend")}
            hint={t("consultations:join.groups.hint")}
            options={groups.map((g) => ({ value: g.id, label: g.name, lang: c.lang }))}
            checked={valuesOf(values, "groups")}
            errors={errors}
          />
        ) : null}
        <fieldset className="field" aria-describedby={errors.consent ? "consent-error" : undefined}>
          <legend className="field__label">{t("consultations:join.consent.legend")}</legend>
          <ul className="consent-list">
            <li>{t("consultations:join.consent.pointNoContact")}</li>
            <li>{t(`consultations:join.consent.published.${c.defaultAttribution}`)}</li>
            <li>{t("consultations:join.consent.pointDelete")}</li>
          </ul>
          {errors.consent ? (
            <p className="field__error" id="consent-error">
              <span className="visually-hidden">{t("common:forms.errorPrefix")} </span>
              {t(errors.consent[0])}
            </p>
          ) : null}
          <div className="checkbox">
            <input id="consent" name="consent" type="checkbox" value="yes" defaultChecked={valueOf(values, "consent") === "yes"} aria-invalid={errors.consent ? true : undefined} />
            <label htmlFor="consent">{t("consultations:join.consent.label")}</label>
          </div>
        </fieldset>
        <button type="submit" className="button">
          {t("consultations:join.submit")}
        </button>
      </Form>
      <ModerationPolicy text={moderationPolicy} lang={c.lang} />
      <p>
        {t("consultations:join.haveCode")} <Link to={`/recover?redirectTo=${encodeURIComponent(`/c/${c.slug}`)}`}>{t("consultations:join.recoverLink")}</Link>
      </p>
    </>
  );
}
