import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField, ErrorSummary, Field, valueOf } from "~/components/forms";
import type { FieldErrors, FormValues } from "~/lib/forms";
import type { BoardInput } from "~/modules/inputs/inputs.server";
import { attributionModes, concernTags, MAX_INPUT_CHARS } from "~/modules/inputs/schema";
import { Prose } from "./dossier-view";

/** A board input as the loader sends it: dates already formatted in the person's language. */
export type BoardItem = Omit<BoardInput, "createdAt" | "originalDate" | "attribution"> & {
  createdOn: string;
  /** The day an offline group said it. */
  originalOn: string | null;
};

type Targets = { value: string; label: string }[];

function Item({ item, targets, slug, replies }: { item: BoardItem; targets: Targets; slug: string; replies?: BoardItem[] }) {
  const { t } = useTranslation();
  // Offline groups are credited as the people heard, never as the facilitator who typed it in.
  const name = item.onBehalfCount
    ? t("inputs:board.onBehalf", { count: item.onBehalfCount, method: t(`inputs:method.${item.onBehalfMethod}`), date: item.originalOn ?? "" })
    : item.authorWithdrawn
      ? t("inputs:board.withdrawnParticipant")
      : (item.pseudonym ?? t("inputs:board.anonymous"));
  const target = item.sectionRef ? targets.find((x) => x.value === item.sectionRef)?.label : null;
  return (
    <article className="board__item" id={`input-${item.id}`} aria-label={name}>
      <p className="board__meta">
        <strong>{name}</strong>
        {item.onBehalfCount ? null : ` · ${item.createdOn}`}
        {target ? ` · ${t("inputs:board.on", { target })}` : null}
      </p>
      {item.concerns.length ? <p className="board__tags">{item.concerns.map((c) => t(`inputs:concern.${c}`)).join(" · ")}</p> : null}
      {item.withdrawn ? <p className="muted">{t("inputs:board.withdrawn")}</p> : <Prose text={item.body} lang={item.lang} />}
      {item.proposedMitigation ? <p lang={item.lang}>{t("inputs:board.mitigation", { text: item.proposedMitigation })}</p> : null}
      {replies ? (
        <>
          {replies.length ? (
            <div className="board__replies">
              {replies.map((r) => (
                <Item key={r.id} item={r} targets={targets} slug={slug} />
              ))}
            </div>
          ) : null}
          <p>
            <Link to={`/c/${slug}?replyTo=${item.id}#comment-form`} aria-label={t("inputs:board.replyTo", { name })}>
              {t("inputs:board.reply")}
            </Link>
          </p>
        </>
      ) : null}
    </article>
  );
}

/** The comments with their replies, newest first; complete HTML, no script needed. */
export function Board({ comments, replies, targets, slug }: { comments: BoardItem[]; replies: BoardItem[]; targets: Targets; slug: string }) {
  return (
    <>
      {comments.map((c) => (
        <Item key={c.id} item={c} targets={targets} slug={slug} replies={replies.filter((r) => r.parentId === c.id)} />
      ))}
    </>
  );
}

/**
 * The comment form: a plain POST with an idempotency key, so sending it twice (a double click, a retry on
 * a bad connection) publishes once; a refused one comes back with the text kept (contract "no-JS").
 */
export function CommentForm(props: {
  values: FormValues;
  errors: FieldErrors;
  idempotencyKey: string;
  targets: Targets;
  replyTo: { id: string; name: string } | null;
  slug: string;
}) {
  const { values, errors, targets, replyTo } = props;
  const { t } = useTranslation();
  const chosen = new Set(([] as string[]).concat(values.concerns ?? []));
  const attribution = valueOf(values, "attribution") ?? "pseudonymous";
  return (
    <section aria-labelledby="comment-form-heading" id="comment-form">
      <h2 id="comment-form-heading">{t("inputs:form.heading")}</h2>
      {replyTo ? (
        <p>
          {t("inputs:form.replyingTo", { name: replyTo.name })} · <Link to={`/c/${props.slug}#comment-form`}>{t("inputs:form.cancelReply")}</Link>
        </p>
      ) : (
        <p>{t("inputs:form.intro")}</p>
      )}
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate className="form" preventScrollReset>
        <CsrfField />
        <input type="hidden" name="idempotencyKey" value={valueOf(values, "idempotencyKey") ?? props.idempotencyKey} />
        {replyTo ? <input type="hidden" name="parentId" value={replyTo.id} /> : null}
        <Field name="body" label={t("inputs:form.body.label")} hint={t("inputs:form.body.hint")} errors={errors}>
          {(p) => <textarea {...p} rows={6} maxLength={MAX_INPUT_CHARS} defaultValue={valueOf(values, "body") ?? ""} />}
        </Field>
        {replyTo ? null : (
          <>
            <Field name="sectionRef" label={t("inputs:form.target.label")} errors={errors}>
              {(p) => (
                <select {...p} defaultValue={valueOf(values, "sectionRef") ?? ""}>
                  <option value="">{t("inputs:form.target.whole")}</option>
                  {targets.map((x) => (
                    <option key={x.value} value={x.value}>
                      {x.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <details className="field" open={chosen.size > 0 || Boolean(valueOf(values, "proposedMitigation"))}>
              <summary>{t("inputs:form.concerns.legend")}</summary>
              <fieldset className="concerns">
                <legend className="visually-hidden">{t("inputs:form.concerns.legend")}</legend>
                {concernTags.map((c) => (
                  <div className="checkbox" key={c}>
                    <input type="checkbox" id={`concern-${c}`} name="concerns" value={c} defaultChecked={chosen.has(c)} />
                    <label htmlFor={`concern-${c}`}>{t(`inputs:concern.${c}`)}</label>
                  </div>
                ))}
              </fieldset>
              <Field name="proposedMitigation" label={t("inputs:form.mitigation.label")} errors={errors}>
                {(p) => <textarea {...p} rows={3} defaultValue={valueOf(values, "proposedMitigation") ?? ""} />}
              </Field>
            </details>
          </>
        )}
        <fieldset className="field" id="attribution">
          <legend className="field__label">{t("inputs:form.attribution.legend")}</legend>
          {attributionModes
            .filter((m) => m !== "named")
            .map((m) => (
              <div className="checkbox" key={m}>
                <input type="radio" id={`attribution-${m}`} name="attribution" value={m} defaultChecked={attribution === m} />
                <label htmlFor={`attribution-${m}`}>{t(`inputs:form.attribution.${m}`)}</label>
              </div>
            ))}
        </fieldset>
        <button type="submit" className="button">
          {replyTo ? t("inputs:form.replySubmit") : t("inputs:form.submit")}
        </button>
      </Form>
    </section>
  );
}
