import { useTranslation } from "~/lib/i18n-react";
import { severityMatrix } from "~/modules/assessment/rules";

const CELL = 64;

/** 4 for the cells dealt with first (priority 1), down to 1: the colour of a cell (decision record 011). */
function urgency(severity: number, likelihood: number): number {
  const priority = severity === 4 ? 1 : 4 - severity + (likelihood >= 3 ? 0 : 1);
  return 5 - priority;
}
const LEFT = 24;

/**
 * The severity matrix (severity up, likelihood across), drawn as server-rendered SVG with a title and a
 * description, and the same figures as a table for screen readers, print and anyone who prefers one.
 */
export function SeverityMatrix({ impacts, id }: { impacts: { number: number; severity: number; likelihood: number }[]; id: string }) {
  const { t } = useTranslation();
  const rows = severityMatrix(impacts);
  const sev = [4, 3, 2, 1];
  const width = LEFT + CELL * 4;
  return (
    <figure className="matrix">
      <svg viewBox={`0 0 ${width} ${CELL * 4 + 24}`} width={width} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{t("assessment:matrix.title")}</title>
        <desc id={`${id}-desc`}>{t("assessment:matrix.desc")}</desc>
        {rows.map((row, r) =>
          row.map((numbers, c) => (
            <g key={`${r}-${c}`}>
              <rect className={`matrix__cell matrix__cell--${urgency(sev[r], c + 1)}`} x={LEFT + c * CELL} y={r * CELL} width={CELL} height={CELL} />
              <text x={LEFT + c * CELL + CELL / 2} y={r * CELL + CELL / 2 + 5} textAnchor="middle">
                {numbers.map((n) => `#${n}`).join(" ")}
              </text>
            </g>
          )),
        )}
        {sev.map((s, r) => (
          <text key={s} x={LEFT - 6} y={r * CELL + CELL / 2 + 5} textAnchor="end">
            {s}
          </text>
        ))}
        {[1, 2, 3, 4].map((l, c) => (
          <text key={l} x={LEFT + c * CELL + CELL / 2} y={CELL * 4 + 18} textAnchor="middle">
            {l}
          </text>
        ))}
      </svg>
      <figcaption>{t("assessment:matrix.caption")}</figcaption>
      <table className="table">
        <caption className="visually-hidden">{t("assessment:matrix.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("assessment:matrix.severity")}</th>
            {[1, 2, 3, 4].map((l) => (
              <th scope="col" key={l}>
                {t(`inputs:severity.likelihood.${l}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              <th scope="row">{t(`assessment:severity.${sev[r]}`)}</th>
              {row.map((numbers, c) => (
                <td key={c}>{numbers.length ? numbers.map((n) => `#${n}`).join(", ") : "–"}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
