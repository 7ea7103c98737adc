import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useOutletContext, useRouteLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { useTranslation } from "~/lib/i18n-react";
import { dirOf, isSupportedLng, languageNames, type Lng } from "~/i18n";
import { BriefingSections, parseReadingLevel, QuestionList } from "~/components/briefing";
import { Board, CommentForm } from "~/components/board";
import { ArrivalAnnouncer, useLiveBoard } from "~/components/live-board";
import { Notice } from "~/components/notice";
import { OriginalNote, TranslationNote } from "~/components/translation-note";
import { useFormState } from "~/components/forms";
import { tFor } from "~/i18n.server";
import { formatDate } from "~/lib/format";
import type { FormFailure } from "~/lib/forms";
import { requirePermission } from "~/modules/auth/guards.server";
import { can } from "~/modules/auth/permissions";
import { getPublicBriefing } from "~/modules/consultations/briefing.server";
import { listTargetGroups } from "~/modules/consultations/manage.server";
import { listBoard, newIdempotencyKey } from "~/modules/inputs/inputs.server";
import { applyTranslation, findTranslations } from "~/modules/translations/translations.server";
import { commentAction } from "~/lib/comment-action.server";
import { targetsOf } from "~/lib/targets.server";
import type { ConsultationLayoutData } from "./c.$slug";

export const handle = { i18n: ["consultations", "inputs"] };

export const meta: MetaFunction = ({ matches }) => {
  const layout = matches.find((m) => m.id === "routes/c.$slug")?.data as ConsultationLayoutData | undefined;
  return [{ title: layout?.consultation.title ?? "" }];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requirePermission(request, context, "view:consultation");
  // The dossier is only shown at the full level (on the briefing page): not loading it keeps this page
  // fast and its hydration data within the 14 KB budget.
  // The consultation page offers plain language and easy read; the full text is on the briefing page.
  const url = new URL(request.url);
  const showOriginal = url.searchParams.get("original") === "1";
  const { consultation, pack } = await getPublicBriefing(params.slug!, { withDossier: false, lang: showOriginal ? undefined : context.locale });
  const level = parseReadingLevel(url.searchParams.get("level"), "plain", ["plain", "easy"]);
  const [board, groups] = await Promise.all([listBoard({ consultationId: consultation.id, limit: 30 }), listTargetGroups({ consultationId: consultation.id })]);
  const t = tFor(context.locale);
  // Issue #9: inputs written in another language are read in the reader's, where a translation exists,
  // marked with how far to trust it; the original stays one click away (one indexed query).
  const foreign = showOriginal ? [] : [...board.comments, ...board.replies].filter((i) => i.lang !== context.locale).map((i) => i.id);
  const translations = await findTranslations({ entity: "input", ids: foreign, lang: context.locale });
  const asItem = (i: (typeof board.comments)[number]) => {
    const { value, translation } = applyTranslation(i, ["body"], translations.get(i.id), context.locale);
    return {
      ...value,
      translation,
      originalBody: translation ? i.body : undefined,
      createdOn: formatDate(i.createdAt, context.locale),
      originalOn: i.originalDate ? formatDate(i.originalDate, context.locale) : null,
    };
  };
  const replyToId = url.searchParams.get("replyTo");
  const replyTo = board.comments.find((c) => c.id === replyToId);
  const answering = pack.questions.find((q) => q.code === url.searchParams.get("answer"));
  return {
    locale: context.locale,
    // Only the text shown at this level goes to the page (and into its hydration data), not all three.
    pack: {
      ...pack,
      sections: pack.sections.map((s) => {
        const shown = level === "easy" ? s.easyRead || s.plain || s.body : s.plain || s.body;
        return { ...s, body: "", plain: shown, easyRead: level === "easy" ? shown : "" };
      }),
    },
    level,
    comments: board.comments.map(asItem),
    replies: board.replies.map(asItem),
    board: {
      targets: targetsOf(pack, t),
      choicesByCode: Object.fromEntries(pack.questions.filter((q) => q.choices.length).map((q) => [q.code, q.choices])),
      groups: groups.map((g) => ({ id: g.id, name: g.name })),
      lang: consultation.lang,
      slug: consultation.slug,
      // The link only; the photo's own route checks the organisation.
      canSeePhotos: can(context.user, "enter:proxy_input") || can(context.user, "triage:input"),
    },
    answer: answering && !replyTo ? { code: answering.code, kind: answering.kind, prompt: answering.prompt, choices: answering.choices } : null,
    replyTo: replyTo ? { id: replyTo.id, name: replyTo.pseudonym ?? t("inputs:board.anonymous") } : null,
    idempotencyKey: newIdempotencyKey(),
    canEnterProxy: can(context.user, "enter:proxy_input"),
    reported: url.searchParams.get("reported") === "1",
    // Issue #8: the report's link, worded here so the page need not load the responses strings in the browser.
    reportLink: t("responses:report.heading"),
    // The languages it is offered in, as a list in the reader's language ("a, b and c"; "a، b" in Arabic),
    // formatted here like every locale-dependent text (ICU data differs between Node and browsers).
    offeredIn: new Intl.ListFormat(context.locale, { type: "conjunction", style: "long" }).formatToParts(consultation.languages.filter(isSupportedLng)),
  };
}

// The comment form posts here (?index); the layout route answers a POST to /c/<slug> the same way.
export const action = commentAction;

export default function ConsultationPage() {
  const data = useLoaderData<typeof loader>();
  const { locale, pack, level, board, answer, replyTo, idempotencyKey, canEnterProxy, reported, offeredIn, reportLink } = data;
  // The form's own action answers ?index posts; a post to /c/<slug> is answered by the layout.
  const own = useFormState();
  const fromLayout = useOutletContext<FormFailure | undefined>();
  const { values, errors } = fromLayout && "errors" in fromLayout ? fromLayout : own;
  const { consultation: c, participation, accepting, closesOnText, opensOnText, showOriginal } = useRouteLoaderData<ConsultationLayoutData>("routes/c.$slug")!;
  const { t } = useTranslation();
  const boardRef = useRef<HTMLElement>(null);
  const { comments, replies, arrived } = useLiveBoard(`board:${c.id}`, data.comments, data.replies, boardRef);
  return (
    <article className="consultation">
      <p className="eyebrow">
        <span lang={c.lang} dir={dirOf(c.lang)}>{c.organisationName}</span> · {t(`consultations:stage.${c.lifecycleStage}`)}
      </p>
      <h1 lang={c.translation?.lang ?? c.lang} dir={dirOf(c.translation?.lang ?? c.lang)} data-translation-status={c.translation?.status}>
        {c.title}
      </h1>
      <TranslationNote translation={c.translation} originalLang={c.lang} originalHref={`/c/${c.slug}?original=1${level === "easy" ? "&level=easy" : ""}`} />
      {showOriginal && locale !== c.lang ? <OriginalNote href={`/c/${c.slug}${level === "easy" ? "?level=easy" : ""}`} /> : null}
      {reported ? <Notice>{t("inputs:moderation.report.thanks")}</Notice> : null}
      <p className="status-line">
        <strong>{t(`consultations:status.${c.status}`)}</strong>
        {opensOnText ? ` · ${t("consultations:opensOn", { date: opensOnText })}` : null}
        {closesOnText ? ` · ${t("consultations:closesOn", { date: closesOnText })}` : null}
      </p>
      <section aria-labelledby="about-heading">
        <h2 id="about-heading">{t("consultations:about")}</h2>
        <p lang={c.translation?.lang ?? c.lang} dir={dirOf(c.translation?.lang ?? c.lang)}>
          {c.summary}
        </p>
        {c.lang !== locale && !c.translation ? <p className="hint">{t("consultations:writtenIn", { language: languageNames[c.lang as Lng] ?? c.lang })}</p> : null}
        {offeredIn.length > 1 ? (
          <p>
            {t("consultations:offeredIn")}
            {offeredIn.map((part, i) =>
              part.type === "element" ? (
                <a key={i} href={`/c/${c.slug}?lng=${part.value}`} lang={part.value} hrefLang={part.value} aria-current={part.value === locale ? "true" : undefined}>
                  {languageNames[part.value as Lng]}
                </a>
              ) : (
                part.value
              ),
            )}
          </p>
        ) : null}
        <p>
          {t("consultations:deployment")}: <span lang={c.lang} dir={dirOf(c.lang)}>{c.deploymentName}</span>
        </p>
      </section>
      <section aria-labelledby="briefing-heading" className="briefing">
        <h2 id="briefing-heading">{t("consultations:briefing.heading")}</h2>
        {pack.sections.length === 0 ? (
          <p>{t("consultations:briefing.none")}</p>
        ) : (
          <>
            <p>{t("consultations:briefing.intro")}</p>
            <nav aria-label={t("consultations:briefing.level.label")} className="levels">
              <a href={`/c/${c.slug}`} aria-current={level === "plain" ? "page" : undefined}>
                {t("consultations:briefing.level.plain")}
              </a>
              <a href={`/c/${c.slug}?level=easy`} aria-current={level === "easy" ? "page" : undefined}>
                {t("consultations:briefing.level.easy")}
              </a>
              <a href={`/c/${c.slug}/briefing`}>{t("consultations:briefing.level.full")}</a>
            </nav>
            <BriefingSections pack={pack} level={level} lang={c.lang} />
            <p>
              <a href={`/c/${c.slug}/briefing`}>{t("consultations:briefing.print")}</a> ·{" "}
              <a href={`/c/${c.slug}/briefing.html?level=${level}`} download>
                {t("consultations:briefing.download")}
              </a>
            </p>
          </>
        )}
      </section>
      {pack.questions.length ? (
        <section aria-labelledby="questions-heading">
          <h2 id="questions-heading">{t("consultations:questions.heading")}</h2>
          <p>{t("consultations:questions.intro")}</p>
          <QuestionList pack={pack} lang={c.lang} answerLink={participation && accepting ? (code) => `/c/${c.slug}?answer=${code}#comment-form` : undefined} />
        </section>
      ) : null}
      <p>
        <Link to={`/c/${c.slug}/responses`}>{t("consultations:responsesLink")}</Link> · <Link to={`/c/${c.slug}/report`}>{reportLink}</Link>
      </p>
      <section aria-labelledby="take-part-heading" className="panel">
        <h2 id="take-part-heading">{t("consultations:takePart.heading")}</h2>
        {participation ? (
          <>
            <p>{t("consultations:takePart.joinedAs", { pseudonym: participation.pseudonym })}</p>
            <p>
              <Link to={`/c/${c.slug}/groups`}>{t("inputs:groups.link")}</Link>
            </p>
          </>
        ) : accepting ? (
          <>
            <p>{t("consultations:takePart.intro")}</p>
            <p>
              <Link className="button" to={`/c/${c.slug}/join`}>
                {t("consultations:takePart.join")}
              </Link>
            </p>
          </>
        ) : (
          <p>{t("consultations:takePart.closed")}</p>
        )}
      </section>
      {canEnterProxy && accepting ? (
        <p>
          <Link to={`/c/${c.slug}/proxy`}>{t("inputs:proxy.title")}</Link>
        </p>
      ) : null}
      {participation && accepting ? (
        <CommentForm
          values={values}
          errors={errors}
          idempotencyKey={idempotencyKey}
          board={board}
          replyTo={replyTo}
          answer={answer}
          defaultAttribution={c.defaultAttribution}
        />
      ) : null}
      {/* DESIGN.md contract "board doc": useLiveBoard follows it with the stock y-websocket client. */}
      <section aria-labelledby="board-heading" className="board" data-ydoc={`board:${c.id}`} ref={boardRef}>
        <h2 id="board-heading">{t("consultations:board.heading")}</h2>
        <ArrivalAnnouncer count={arrived} />
        {comments.length ? (
          <Board comments={comments} replies={replies} board={board} />
        ) : (
          <p className="hint">{t("consultations:board.empty")}</p>
        )}
      </section>
    </article>
  );
}
