import { useTranslation } from "react-i18next";

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
