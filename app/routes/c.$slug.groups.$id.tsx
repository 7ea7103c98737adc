import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { useTranslation } from "~/lib/i18n-react";
import { Prose } from "~/components/dossier-view";
import { CsrfField, ErrorSummary, Field, IntentButton, valueOf } from "~/components/forms";
import { LiveText, useLiveDraft } from "~/components/live-draft";
import { Notice } from "~/components/notice";
import type { DraftSession, DraftState } from "~/lib/draft-editor.client";
import { tFor } from "~/i18n.server";
import { formatDate } from "~/lib/format";
import { fieldErrors, formValues, type FieldErrors, type FormValues } from "~/lib/forms";
import { targetsOf } from "~/lib/targets.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { getBriefingPack } from "~/modules/consultations/briefing.server";
import {
  getGroupForMember,
  regenerateInviteCode,
  saveJointDraft,
  setEndorsement,
  submitJointDraft,
} from "~/modules/groups/groups.server";
import { DraftSchema, MAX_DRAFT_SECTIONS, sectionsFromForm } from "~/modules/groups/schema";
import { requireParticipation } from "~/lib/participation.server";
import type { ConsultationLayoutData } from "./c.$slug";

export const handle = { i18n: ["inputs", "consultations"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.group.name ?? "" }];

/** The group, for one of its members only (404 for anyone else: a group's existence is not public). */
async function requireMember(request: Request, context: Parameters<typeof requirePermission>[1], slug: string, groupId: string) {
  const { consultation, participationId } = await requireParticipation(request, context, slug);
  if (!participationId) throw data(null, { status: 404 });
  const group = await getGroupForMember({ groupId, consultationId: consultation.id, participationId });
  return { consultation, participationId, group };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "comment:consultation");
  const { consultation, group } = await requireMember(request, context, params.slug!, params.id!);
  const pack = await getBriefingPack({ consultationId: consultation.id, deploymentId: consultation.deploymentId, withDossier: false });
  return {
    group: { ...group, submissions: group.submissions.map((s) => ({ ...s, submittedOn: formatDate(s.submittedAt, context.locale) })) },
    targets: targetsOf(pack, tFor(context.locale)),
    done: new URL(request.url).searchParams.get("done"),
  };
}

type ActionData = { form: string; values: FormValues; errors: FieldErrors; revision?: number };

export async function action({ request, params, context }: ActionFunctionArgs) {
  requirePermission(request, context, "comment:consultation");
  const { consultation, participationId, group } = await requireMember(request, context, params.slug!, params.id!);
  const values = formValues(await request.formData());
  const intent = String(values.intent ?? "");
  const back = (done: string) => redirect(`/c/${consultation.slug}/groups/${group.id}?done=${done}#${done === "saved" ? "draft-heading" : "status"}`, 303);
  const refuse = (form: string, errors: FieldErrors, status: number) => data<ActionData>({ form, values, errors, revision: group.draft.revision }, { status });

  if (intent === "save" || intent === "addSection") {
    const sections = sectionsFromForm(values);
    if (intent === "addSection") sections.push({ heading: "", body: "", sectionRef: "" });
    const parsed = DraftSchema.safeParse({ title: values.title, revision: values.revision, sections });
    if (!parsed.success) return refuse("draft", fieldErrors(parsed.error), 400);
    const saved = await saveJointDraft({ groupId: group.id, participationId, ...parsed.data });
    if (!saved.ok) return refuse("draft", { form: [saved.error] }, saved.status);
    return back("saved");
  }
  if (intent === "endorse" || intent === "unendorse") {
    await setEndorsement({ groupId: group.id, participationId, endorse: intent === "endorse" });
    return back(intent === "endorse" ? "endorsed" : "unendorsed");
  }
  if (intent === "submit") {
    const result = await submitJointDraft({ groupId: group.id, participationId, consultation, lang: consultation.lang });
    if (!result.ok) return refuse("submit", { form: [result.error] }, result.status);
    return back("submitted");
  }
  if (intent === "newCode") {
    const result = await regenerateInviteCode({ groupId: group.id, participationId });
    if (!result.ok) return refuse("code", { form: [result.error] }, result.status);
    return back("code");
  }
  return refuse("form", { form: ["dossier:errors.choose"] }, 400);
}

export default function GroupPage() {
  const { group: g, targets, done } = useLoaderData<typeof loader>();
  const { consultation: c, accepting } = useRouteLoaderData<ConsultationLayoutData>("routes/c.$slug")!;
  const action = useActionData<ActionData>();
  const { t } = useTranslation();
  const draftFailed = action?.form === "draft";
  // After a refused save the person's own text comes back, with the newer revision so they can save over it.
  const title = draftFailed ? (valueOf(action.values, "title") ?? "") : g.draft.title;
  const sections = draftFailed ? sectionsFromForm(action.values) : g.draft.sections.map((s) => ({ ...s, sectionRef: s.sectionRef ?? "" }));
  const rows = sections.length ? sections : [{ heading: "", body: "", sectionRef: "" }];
  const stale = draftFailed && action.errors.form?.[0] === "inputs:groups.errors.stale";
  const statusErrors = action && action.form !== "draft" ? action.errors : {};
  // With scripts, once the draft doc has synced, the same fields write into it live (not after a refused save).
  const { state, session } = useLiveDraft(`draft:${g.draft.id}`);
  // Scripts load after the page shows (issue #10): what someone typed into the plain form before the live
  // draft was ready stays in the plain form, to be saved with its button, rather than be replaced.
  // Once saved, the doc holds those words and the live form takes over.
  const plainForm = useRef<HTMLFormElement>(null);
  const typedFirst = Boolean(state && plainForm.current && isEdited(plainForm.current) && !sameWords(plainForm.current, state.content));
  const live = state && session && !draftFailed && !typedFirst ? state : null;
  return (
    <>
      <p className="eyebrow">
        <Link to={`/c/${c.slug}/groups`}>{t("inputs:groups.title")}</Link> · {c.title}
      </p>
      <h1>{g.name}</h1>
      <p>
        {t(`inputs:groups.kind.${g.kind}`)} · {t("inputs:groups.members", { count: g.members })}: {g.memberNames.join(", ")}
      </p>
      {done === "saved" || done === "endorsed" || done === "unendorsed" || done === "submitted" || done === "code" ? (
        <Notice>{t(`inputs:groups.done.${done}`)}</Notice>
      ) : null}
      {g.inviteCode ? (
        <section aria-labelledby="invite-heading" className="panel">
          <h2 id="invite-heading">{t("inputs:groups.invite.heading")}</h2>
          <p>{t("inputs:groups.invite.intro")}</p>
          <p className="code" translate="no">
            {g.inviteCode}
          </p>
          <IntentButton intent="newCode">{t("inputs:groups.invite.regenerate")}</IntentButton>
        </section>
      ) : null}

      <section aria-labelledby="draft-heading" data-ydoc={`draft:${g.draft.id}`}>
        <h2 id="draft-heading">{t("inputs:groups.draft.heading")}</h2>
        <p>{t("inputs:groups.draft.intro")}</p>
        <ErrorSummary errors={draftFailed ? action.errors : {}} />
        {stale ? (
          <details className="policy" open>
            <summary>{t("inputs:groups.draft.theirs")}</summary>
            <h3>{g.draft.title}</h3>
            {g.draft.sections.map((s, i) => (
              <div key={i}>
                {s.heading ? <h4>{s.heading}</h4> : null}
                <Prose text={s.body} lang={c.lang} />
              </div>
            ))}
          </details>
        ) : null}
        {live ? (
          <LiveDraftForm state={live} session={session!} targets={targets} lang={c.lang} />
        ) : (
          <Form ref={plainForm} method="post" noValidate className="form">
            <CsrfField />
            <input type="hidden" name="revision" value={String(draftFailed ? (action.revision ?? g.draft.revision) : g.draft.revision)} />
            <Field name="title" label={t("inputs:groups.draft.title")} errors={draftFailed ? action.errors : {}}>
              {(p) => <input {...p} type="text" maxLength={200} defaultValue={title} />}
            </Field>
            {rows.map((s, i) => (
              <fieldset key={i} className="form-subsection">
                <legend>{t("inputs:groups.draft.section", { number: i + 1 })}</legend>
                <Field name={`heading-${i}`} label={t("inputs:groups.draft.sectionHeading")}>
                  {(p) => <input {...p} name="sectionHeading[]" type="text" maxLength={200} defaultValue={s.heading} />}
                </Field>
                <Field name={`about-${i}`} label={t("inputs:form.target.label")}>
                  {(p) => (
                    <select {...p} name="sectionRef[]" defaultValue={s.sectionRef}>
                      <TargetOptions targets={targets} />
                    </select>
                  )}
                </Field>
                <Field name={`body-${i}`} label={t("inputs:groups.draft.sectionBody")}>
                  {(p) => <textarea {...p} name="sectionBody[]" rows={8} defaultValue={s.body} />}
                </Field>
              </fieldset>
            ))}
            <div className="button-row">
              <button type="submit" name="intent" value="save" className="button">
                {t("inputs:groups.draft.save")}
              </button>
              {rows.length < MAX_DRAFT_SECTIONS ? (
                <button type="submit" name="intent" value="addSection" className="button button--secondary">
                  {t("inputs:groups.draft.addSection")}
                </button>
              ) : null}
            </div>
          </Form>
        )}
      </section>

      <section aria-labelledby="status" className="panel">
        <h2 id="status">{t("inputs:groups.submit.heading")}</h2>
        <p>{t("inputs:groups.submit.endorsements", { count: g.endorsements, members: g.members })}</p>
        <ErrorSummary errors={statusErrors} />
        <div className="button-row">
          <IntentButton intent={g.endorsedByMe ? "unendorse" : "endorse"} className={g.endorsedByMe ? "button button--secondary" : "button"}>
            {g.endorsedByMe ? t("inputs:groups.submit.unendorse") : t("inputs:groups.submit.endorse")}
          </IntentButton>
          {g.role === "coordinator" && accepting ? <IntentButton intent="submit">{t("inputs:groups.submit.submit")}</IntentButton> : null}
        </div>
        <p className="hint">{g.role === "coordinator" ? t("inputs:groups.submit.hintCoordinator") : t("inputs:groups.submit.hintMember")}</p>
        {g.submissions.length ? (
          <>
            <h3>{t("inputs:groups.submit.versions")}</h3>
            <ul>
              {g.submissions.map((s) => (
                <li key={s.id}>
                  {t("inputs:board.jointVersion", { version: s.version })} · {s.title} · {s.submittedOn} ·{" "}
                  {t("inputs:board.endorsedBy", { count: s.endorsements, members: s.members })}
                  {s.writers.length ? ` · ${t("inputs:groups.submit.writtenBy", { names: s.writers.join(", ") })}` : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </>
  );
}

function TargetOptions({ targets }: { targets: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <>
      <option value="">{t("inputs:form.target.whole")}</option>
      {targets.map((x) => (
        <option key={x.value} value={x.value}>
          {x.label}
        </option>
      ))}
    </>
  );
}

/** The draft written live: every keystroke goes into the doc; who else is writing, and where, is shown. */
function LiveDraftForm({ state, session, targets, lang }: { state: DraftState; session: DraftSession; targets: { value: string; label: string }[]; lang: string }) {
  const { t } = useTranslation();
  const here = (i: number) => state.people.filter((p) => p.section === i);
  return (
    <div className="form live-draft">
      <p className="hint" role="status">
        {state.online ? t("inputs:groups.live.saved") : t("inputs:groups.live.offline")}
        {state.people.length ? ` ${t("inputs:groups.live.here", { names: state.people.map((p) => p.name).join(", ") })}` : ""}
      </p>
      <div className="field">
        <label className="field__label" htmlFor="live-title">
          {t("inputs:groups.draft.title")}
        </label>
        <LiveText id="live-title" type="text" maxLength={200} lang={lang} value={state.content.title} onValue={session.setTitle} />
      </div>
      {state.content.sections.length === 0 ? <p className="hint">{t("inputs:groups.live.noSections")}</p> : null}
      {state.content.sections.map((s, i) => (
        <fieldset key={i} className="form-subsection">
          <legend>
            {t("inputs:groups.draft.section", { number: i + 1 })}
            {here(i).map((p) => (
              <span key={p.name} className="presence" style={{ borderColor: p.color }}>
                {t("inputs:groups.live.writing", { name: p.name })}
              </span>
            ))}
          </legend>
          <div className="field">
            <label className="field__label" htmlFor={`live-heading-${i}`}>
              {t("inputs:groups.draft.sectionHeading")}
            </label>
            <LiveText id={`live-heading-${i}`} type="text" maxLength={200} lang={lang} value={s.heading} onValue={(v) => session.setField(i, "heading", v)} onFocusChange={(f) => session.focus(f ? i : null)} />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`live-about-${i}`}>
              {t("inputs:form.target.label")}
            </label>
            <select id={`live-about-${i}`} value={s.sectionRef ?? ""} onChange={(e) => session.setRef(i, e.currentTarget.value || null)}>
              <TargetOptions targets={targets} />
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`live-body-${i}`}>
              {t("inputs:groups.draft.sectionBody")}
            </label>
            <LiveText id={`live-body-${i}`} multiline rows={8} lang={lang} value={s.body} onValue={(v) => session.setField(i, "body", v)} onFocusChange={(f) => session.focus(f ? i : null)} />
          </div>
        </fieldset>
      ))}
      {state.content.sections.length < MAX_DRAFT_SECTIONS ? (
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={session.addSection}>
            {t("inputs:groups.draft.addSection")}
          </button>
        </div>
      ) : null}
    </div>
  );
}

export { ErrorBoundary } from "~/root";

/** Whether the plain form says what the draft's doc says. */
function sameWords(form: HTMLFormElement, content: DraftState["content"]): boolean {
  const data = new FormData(form);
  const all = (name: string) => data.getAll(name).map(String);
  return (
    String(data.get("title") ?? "") === content.title &&
    JSON.stringify([all("sectionHeading[]"), all("sectionBody[]"), all("sectionRef[]")]) ===
      JSON.stringify([content.sections.map((x) => x.heading), content.sections.map((x) => x.body), content.sections.map((x) => x.sectionRef ?? "")])
  );
}

/** Whether a field of the form holds something other than what the page was sent with. */
function isEdited(form: HTMLFormElement): boolean {
  return [...form.elements].some((el) =>
    el instanceof HTMLSelectElement
      ? [...el.options].some((o) => o.selected !== o.defaultSelected)
      : (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.type !== "hidden" && el.value !== el.defaultValue,
  );
}
