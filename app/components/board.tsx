import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { ChoiceGroup, CsrfField, ErrorSummary, Field, valueOf, valuesOf } from "~/components/forms";
import type { FieldErrors, FormValues } from "~/lib/forms";
import type { BoardInput } from "~/modules/inputs/inputs.server";
import { attributionModes, concernTags, MAX_INPUT_CHARS, rightIds } from "~/modules/inputs/constants";
import { languageNames, type Lng } from "~/i18n";
import type { TranslationShown } from "~/modules/translations/constants";
import { Prose } from "./dossier-view";
import { ChoiceFields, SeverityFields, severityText } from "./answers";
import { QueueStatus, useCommentQueue } from "./comment-queue";

/** A board input as the loader sends it: dates already formatted in the person's language. */
export type BoardItem = Omit<BoardInput, "createdAt" | "originalDate" | "attribution"> & {
  createdOn: string;
  /** The day an offline group said it. */
  originalOn: string | null;
  /** Shown in the reader's language (issue #9): `body` is the translation, `originalBody` the words as written. */
  translation?: TranslationShown | null;
  originalBody?: string;
};

type Targets = { value: string; label: string }[];

/** What the board needs to name things: targets, the choices of each question, the target groups. */
export interface BoardContext {
  targets: Targets;
  /** Choice labels per question code, lettered A, B, C… in order. */
  choicesByCode: Record<string, string[]>;
  groups: { id: string; name: string }[];
  /** The language the consultation's own texts (choices, group names) are written in. */
  lang: string;
  /** Staff who may see photos of paper sheets get a link to them. */
  canSeePhotos?: boolean;
  slug: string;
}

function Item({ item, board, replies }: { item: BoardItem; board: BoardContext; replies?: BoardItem[] }) {
  const { t } = useTranslation();
  const { targets, slug } = board;
  // Offline groups are credited as the people heard, never as the facilitator who typed it in.
  const name = item.groupName
    ? t("inputs:board.joint", { group: item.groupName, kind: t(`inputs:groups.kind.${item.groupKind}`) })
    : item.onBehalfCount
    ? t("inputs:board.onBehalf", { count: item.onBehalfCount, method: t(`inputs:method.${item.onBehalfMethod}`), date: item.originalOn ?? "" })
    : item.authorWithdrawn
      ? t("inputs:board.withdrawnParticipant")
      : item.pseudonym
        ? item.organisation
          ? `${item.pseudonym} (${item.organisation})`
          : item.pseudonym
        : t("inputs:board.anonymous");
  const target = item.sectionRef ? targets.find((x) => x.value === item.sectionRef)?.label : null;
  return (
    <article className="board__item" id={`input-${item.id}`} aria-label={name}>
      <p className="board__meta">
        <strong>{name}</strong>
        {item.onBehalfCount ? null : ` · ${item.createdOn}`}
        {target ? ` · ${t("inputs:board.on", { target })}` : null}
      </p>
      {item.groupName ? (
        <p className="board__meta">
          {t("inputs:board.jointVersion", { version: item.submissionVersion })} ·{" "}
          {t("inputs:board.endorsedBy", { count: item.endorsements ?? 0, members: item.members })}
        </p>
      ) : null}
      {item.concerns.length ? <p className="board__tags">{item.concerns.map((c) => t(`inputs:concern.${c}`)).join(" · ")}</p> : null}
      {item.hiddenReason ? (
        <p className="muted">
          {t("inputs:board.hidden", { reason: t(`inputs:moderation.reason.${item.hiddenReason}`) })}
          {item.hiddenNote ? ` ${item.hiddenNote}` : null}
        </p>
      ) : item.withdrawn ? (
        <p className="muted">{t("inputs:board.withdrawn")}</p>
      ) : (
        <Structured item={item} board={board} />
      )}
      {item.withdrawn || item.hiddenReason || !item.body ? null : item.translation && item.originalBody ? (
        <Translated item={item} translation={item.translation} original={item.originalBody} />
      ) : (
        <Prose text={item.body} lang={item.lang} />
      )}
      {item.proposedMitigation ? <p lang={item.lang}>{t("inputs:board.mitigation", { text: item.proposedMitigation })}</p> : null}
      {item.hasPhoto && board.canSeePhotos ? (
        <p>
          <a href={`/admin/inputs/${item.id}/photo`}>{t("inputs:board.photo")}</a>
        </p>
      ) : null}
      {item.copies ? <p className="board__campaign">{t("inputs:board.copies", { count: item.copies })}</p> : null}
      {replies?.length ? (
        <div className="board__replies">
          {replies.map((r) => (
            <Item key={r.id} item={r} board={board} />
          ))}
        </div>
      ) : null}
      <p className="board__actions">
        {replies ? (
          <Link to={`/c/${slug}?replyTo=${item.id}#comment-form`} aria-label={t("inputs:board.replyTo", { name })}>
            {t("inputs:board.reply")}
          </Link>
        ) : null}
        {item.hiddenReason || item.withdrawn ? null : (
          <Link to={`/c/${slug}/flag?input=${item.id}`} aria-label={t("inputs:board.reportOf", { name })} rel="nofollow">
            {t("inputs:board.report")}
          </Link>
        )}
      </p>
    </article>
  );
}

/**
 * An input read in translation, marked with how far to trust it, the words as written one click away.
 * Like OriginalDetails (original-details.tsx), written out here: importing that module from the board
 * splits a new shared chunk into the page's JavaScript, which is at its budget (issue #10).
 */
function Translated({ item, translation, original }: { item: BoardItem; translation: TranslationShown; original: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Prose text={item.body} lang={translation.lang} />
      <details className="translation-note" data-translation-status={translation.status}>
        <summary>
          {t(`consultations:translation.${translation.status}`)} {t("consultations:translation.original", { language: languageNames[item.lang as Lng] ?? item.lang })}
        </summary>
        <Prose text={original} lang={item.lang} />
      </details>
    </>
  );
}

/** The structured part of an input, in words: the choices ticked, how serious, rights and groups. */
function Structured({ item, board }: { item: BoardItem; board: BoardContext }) {
  const { t } = useTranslation();
  const code = item.sectionRef?.startsWith("question:") ? item.sectionRef.slice("question:".length) : null;
  const labels = code ? (board.choicesByCode[code] ?? []) : [];
  const serious = severityText(t, item);
  const groups = item.affectedGroups.map((id) => board.groups.find((g) => g.id === id)?.name).filter(Boolean);
  if (!item.choices.length && !serious && !item.rights.length && !groups.length) return null;
  return (
    <dl className="board__answers">
      {item.choices.length ? (
        <div>
          <dt>{t("inputs:board.chose")}</dt>
          <dd lang={board.lang}>{item.choices.map((c) => `${c}. ${labels[c.charCodeAt(0) - 65] ?? ""}`).join(" · ")}</dd>
        </div>
      ) : null}
      {serious ? (
        <div>
          <dt>{t("inputs:board.howSerious")}</dt>
          <dd>{serious}</dd>
        </div>
      ) : null}
      {item.rights.length ? (
        <div>
          <dt>{t("inputs:board.rights")}</dt>
          <dd>{item.rights.map((r) => t(`inputs:right.${r}`)).join(" · ")}</dd>
        </div>
      ) : null}
      {groups.length ? (
        <div>
          <dt>{t("inputs:board.groups")}</dt>
          <dd lang={board.lang}>{groups.join(" · ")}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** The comments with their replies, newest first; complete HTML, no script needed. */
export function Board({ comments, replies, board }: { comments: BoardItem[]; replies: BoardItem[]; board: BoardContext }) {
  return (
    <>
      {comments.map((c) => (
        <Item key={c.id} item={c} board={board} replies={replies.filter((r) => r.parentId === c.id)} />
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
  board: BoardContext;
  replyTo: { id: string; name: string } | null;
  /** Answering one question: its code, kind, words and choices. */
  answer: { code: string; kind: string; prompt: string; choices: string[] } | null;
  /** The consultation's default publication choice. */
  defaultAttribution: string;
}) {
  const { values, errors, board, replyTo, answer } = props;
  const { t } = useTranslation();
  const queue = useCommentQueue(board.slug, `/c/${board.slug}?index`);
  const chosen = valuesOf(values, "concerns");
  const attribution = valueOf(values, "attribution") ?? props.defaultAttribution;
  const structured = ["proposedMitigation", "sevScale", "sevScope", "sevReversibility", "sevLikelihood"].some((n) => valueOf(values, n)) || chosen.length > 0 || valuesOf(values, "rights").length > 0 || valuesOf(values, "affectedGroups").length > 0;
  const choiceQuestion = answer && (answer.kind === "single_choice" || answer.kind === "multiple_choice");
  return (
    <section aria-labelledby="comment-form-heading" id="comment-form">
      <h2 id="comment-form-heading">{answer ? t("inputs:form.answerHeading", { code: answer.code }) : t("inputs:form.heading")}</h2>
      {replyTo ? (
        <p>
          {t("inputs:form.replyingTo", { name: replyTo.name })} · <Link to={`/c/${board.slug}#comment-form`}>{t("inputs:form.cancelReply")}</Link>
        </p>
      ) : answer ? (
        <p>
          <Link to={`/c/${board.slug}#comment-form`}>{t("inputs:form.cancelAnswer")}</Link>
        </p>
      ) : (
        <p>{t("inputs:form.intro")}</p>
      )}
      <ErrorSummary errors={errors} />
      <QueueStatus queue={queue.queue} status={queue.status} restored={queue.restored} />
      <Form method="post" noValidate className="form" preventScrollReset ref={queue.formRef} onSubmit={queue.onSubmit} onInput={queue.onInput}>
        <CsrfField />
        <input type="hidden" name="idempotencyKey" value={valueOf(values, "idempotencyKey") ?? props.idempotencyKey} />
        {replyTo ? <input type="hidden" name="parentId" value={replyTo.id} /> : null}
        {answer ? <input type="hidden" name="sectionRef" value={`question:${answer.code}`} /> : null}
        {choiceQuestion ? <ChoiceFields kind={answer.kind} choices={answer.choices} prompt={answer.prompt} lang={board.lang} values={values} errors={errors} /> : null}
        {answer?.kind === "seriousness" ? (
          <fieldset className="field">
            <legend className="field__label" lang={board.lang}>
              {answer.prompt}
            </legend>
            <SeverityFields values={values} errors={errors} />
          </fieldset>
        ) : null}
        <Field
          name="body"
          label={answer && answer.kind !== "open" ? t("inputs:form.body.optionalLabel") : answer ? answer.prompt : t("inputs:form.body.label")}
          hint={t("inputs:form.body.hint")}
          errors={errors}
        >
          {(p) => <textarea {...p} rows={6} maxLength={MAX_INPUT_CHARS} defaultValue={valueOf(values, "body") ?? ""} />}
        </Field>
        {replyTo || answer ? null : (
          <Field name="sectionRef" label={t("inputs:form.target.label")} errors={errors}>
            {(p) => (
              <select {...p} defaultValue={valueOf(values, "sectionRef") ?? ""}>
                <option value="">{t("inputs:form.target.whole")}</option>
                {board.targets.map((x) => (
                  <option key={x.value} value={x.value}>
                    {x.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {replyTo ? null : (
          <details className="field" open={structured}>
            <summary>{t("inputs:form.structured")}</summary>
            <ChoiceGroup
              name="concerns"
              legend={t("inputs:form.concerns.legend")}
              options={concernTags.map((c) => ({ value: c, label: t(`inputs:concern.${c}`) }))}
              checked={chosen}
              errors={errors}
            />
            <ChoiceGroup
              name="rights"
              legend={t("inputs:form.rights.legend")}
              options={rightIds.map((r) => ({ value: r, label: t(`inputs:right.${r}`) }))}
              checked={valuesOf(values, "rights")}
              errors={errors}
            />
            {board.groups.length ? (
              <ChoiceGroup
                name="affectedGroups"
                legend={t("inputs:form.groups.legend")}
                options={board.groups.map((g) => ({ value: g.id, label: g.name, lang: board.lang }))}
                checked={valuesOf(values, "affectedGroups")}
                errors={errors}
              />
            ) : null}
            {answer?.kind === "seriousness" ? null : (
              <fieldset className="field">
                <legend className="field__label">{t("inputs:form.howSerious")}</legend>
                <SeverityFields values={values} errors={errors} />
              </fieldset>
            )}
            <Field name="proposedMitigation" label={t("inputs:form.mitigation.label")} errors={errors}>
              {(p) => <textarea {...p} rows={3} defaultValue={valueOf(values, "proposedMitigation") ?? ""} />}
            </Field>
          </details>
        )}
        <ChoiceGroup
          name="attribution"
          type="radio"
          legend={t("inputs:form.attribution.legend")}
          options={attributionModes.map((m) => ({ value: m, label: t(`inputs:form.attribution.${m}`) }))}
          checked={[attribution]}
          errors={errors}
        />
        <button type="submit" className="button">
          {replyTo ? t("inputs:form.replySubmit") : t("inputs:form.submit")}
        </button>
      </Form>
    </section>
  );
}
