import type { ReactNode } from "react";
import { useTranslation } from "~/lib/i18n-react";
import { dirOf } from "~/i18n";

/** A grievance's steps, oldest first, each with who acted next and by when, and the note the person got. */
export function GrievanceHistory({ events }: { events: { state: string; on: string; entity: string | null; due: string | null; note: string | null }[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t("grievances:case.history")}</h2>
      <ol className="history">
        {events.map((e, i) => (
          <li key={i}>
            <strong>{t(`grievances:state.${e.state}`)}</strong> · {e.on}
            {e.entity && e.due && e.state !== "closed" ? <> · {t("grievances:case.next", { stage: t(`grievances:stage.${e.state}`), entity: e.entity, due: e.due })}</> : null}
            {e.note ? <p className="prose">{e.note}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** What a grievance is, when it came and where it stands; `before` and `stateNote` add staff details. */
export function GrievanceFacts(props: { kind: string; filed: string; state: string; before?: ReactNode; stateNote?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      {props.before}
      <div>
        <dt>{t("grievances:case.kind")}</dt>
        <dd>{t(`grievances:kindShort.${props.kind}`)}</dd>
      </div>
      <div>
        <dt>{t("grievances:case.filed")}</dt>
        <dd>{props.filed}</dd>
      </div>
      <div>
        <dt>{t("grievances:case.state")}</dt>
        <dd>
          <strong data-grievance-state={props.state}>{t(`grievances:state.${props.state}`)}</strong>
          {props.stateNote}
        </dd>
      </div>
    </dl>
  );
}

/**
 * The person's appeal, as they wrote it, and the decision on it once made: "Your appeal" on their case page,
 * "The person's appeal" on the staff page.
 */
export function GrievanceAppeal(props: { reason: string; lang: string; outcome: string | null; answer: string | null; staff?: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="your-appeal-heading">
      <h2 id="your-appeal-heading">{t(props.staff ? "grievances:staff.theirAppeal" : "grievances:case.yourAppeal")}</h2>
      <blockquote className="quote" lang={props.lang} dir={dirOf(props.lang)}>
        {props.reason}
      </blockquote>
      {props.outcome ? (
        <>
          <h3>{t("grievances:case.appealDecision")}</h3>
          <p data-appeal-outcome={props.outcome}>
            <strong>{t(`grievances:appealOutcome.${props.outcome}`)}</strong>
          </p>
          {props.answer ? <p className="prose">{props.answer}</p> : null}
        </>
      ) : null}
    </section>
  );
}
