import { useEffect, useState } from "react";
import { useTranslation } from "~/lib/i18n-react";
import { LiveText } from "~/components/live-draft";
import type { NotesState } from "~/lib/notes-editor.client";

/**
 * Analysts' shared notes, written together live (doc `notes:<assessmentId>`). Without scripts the
 * section says so; nothing else on the page depends on it.
 */
export function LiveNotes({ assessmentId }: { assessmentId: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<NotesState | null>(null);
  const [session, setSession] = useState<{ setText(value: string): void } | null>(null);
  useEffect(() => {
    let opened: { setText(value: string): void; destroy(): void } | undefined;
    let cancelled = false;
    import("~/lib/notes-editor.client")
      .then(({ openNotes }) => {
        if (cancelled) return;
        opened = openNotes(`notes:${assessmentId}`, setState);
        setSession(opened);
      })
      .catch(() => {});
    return () => {
      cancelled = true;
      opened?.destroy();
    };
  }, [assessmentId]);
  return (
    <section id="notes" aria-labelledby="notes-heading">
      <h2 id="notes-heading">{t("assessment:notes.heading")}</h2>
      <p className="hint">{t("assessment:notes.intro")}</p>
      {state?.synced && session ? (
        <>
          <p className="hint" role="status">
            {state.online ? (state.people.length ? t("assessment:notes.with", { names: state.people.map((p) => p.name).join(", ") }) : t("assessment:notes.alone")) : t("assessment:notes.offline")}
          </p>
          <label className="field__label" htmlFor="shared-notes">
            {t("assessment:notes.label")}
          </label>
          <LiveText multiline id="shared-notes" rows={8} value={state.text} onValue={(v) => session.setText(v)} />
        </>
      ) : (
        <p className="muted">{t("assessment:notes.needsScript")}</p>
      )}
    </section>
  );
}
