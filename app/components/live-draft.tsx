import { useEffect, useLayoutEffect, useRef, useState, type InputHTMLAttributes, type TextareaHTMLAttributes } from "react";
import type { DraftSession, DraftState } from "~/lib/draft-editor.client";

/**
 * The joint submission written together, live (issue #6). Until the draft doc has synced (or without
 * scripts) the page is the plain form the server rendered; then the same fields edit the doc as people
 * type, and show what the others write as they write it.
 */
export function useLiveDraft(docName: string): { state: DraftState | null; session: DraftSession | null } {
  const [state, setState] = useState<DraftState | null>(null);
  const [session, setSession] = useState<DraftSession | null>(null);
  useEffect(() => {
    let opened: DraftSession | undefined;
    let cancelled = false;
    import("~/lib/draft-editor.client")
      .then(({ openDraft }) => {
        if (cancelled) return;
        opened = openDraft(docName, setState);
        setSession(opened);
      })
      .catch(() => {
        // Without the live layer the plain form still saves.
      });
    return () => {
      cancelled = true;
      opened?.destroy();
    };
  }, [docName]);
  return { state, session };
}

type Common = { value: string; onValue(value: string): void; onFocusChange?(focused: boolean): void };

/**
 * A text field that follows a shared text: what the person types goes out, what others write comes in
 * without moving their cursor (it keeps its place relative to the text before it).
 */
export function LiveText(props: Common & ({ multiline: true } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "onChange">) | (Common & { multiline?: false } & Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange">)) {
  const { value, onValue, onFocusChange, multiline, ...rest } = props;
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  // What this field itself sent recently: when the doc echoes one of them back, the field (which may
  // already hold newer keystrokes) is left alone.
  const sent = useRef<string[]>([]);
  // The first value only: a changing defaultValue would rewrite the field's text and lose the cursor.
  const initial = useRef(value);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || el.value === value || sent.current.includes(value)) return;
    const focused = document.activeElement === el;
    const [start, end] = [el.selectionStart ?? 0, el.selectionEnd ?? 0];
    const before = el.value;
    el.value = value;
    if (focused) {
      // Text added or removed before the cursor moves it by as much; after it, not at all.
      const shift = before.slice(0, start) === value.slice(0, start) ? 0 : value.length - before.length;
      el.setSelectionRange(Math.max(0, start + shift), Math.max(0, end + shift));
    }
  }, [value]);
  const handlers = {
    ref,
    defaultValue: initial.current,
    onInput: (e: { currentTarget: { value: string } }) => {
      const next = e.currentTarget.value;
      sent.current = [...sent.current.slice(-19), next];
      onValue(next);
    },
    onFocus: () => onFocusChange?.(true),
    onBlur: () => onFocusChange?.(false),
  };
  return multiline ? <textarea {...(rest as TextareaHTMLAttributes<HTMLTextAreaElement>)} {...handlers} /> : <input {...(rest as InputHTMLAttributes<HTMLInputElement>)} {...handlers} />;
}
