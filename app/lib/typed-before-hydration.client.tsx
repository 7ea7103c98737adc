import { useLayoutEffect, type ReactNode } from "react";

// React 18, hydrating a <textarea> that was rendered with text in it, writes that text back into its value
// (react-dom's textarea post-mount step compares the element's text with the rendered one and assigns it).
// Scripts load after the first paint here (app/lib/late-scripts.server.ts), so a person may well have typed
// over the text by then: a translator's new wording, an edited answer. This notes what such fields hold
// before and while React hydrates, and puts it back once it has, before any component's effect runs, so
// components see what the person typed. Inputs and selects need nothing: React leaves their values alone.

const typed = new Map<HTMLTextAreaElement, string>();
let watching = false;

function note(target: EventTarget | null) {
  if (!(target instanceof HTMLTextAreaElement)) return;
  if (target.value === target.defaultValue) typed.delete(target);
  else typed.set(target, target.value);
}
const onInput = (event: Event) => note(event.target);

/** Starts noting what is typed into text areas; call before hydrating. */
export function watchTypingUntilHydrated(): void {
  for (const el of document.querySelectorAll("textarea")) note(el);
  document.addEventListener("input", onInput, true);
  watching = true;
}

/** Puts back what was typed where hydration replaced it, and stops watching. */
export function restoreTyped(): void {
  if (!watching) return;
  watching = false;
  document.removeEventListener("input", onInput, true);
  for (const [el, value] of typed) if (el.isConnected && el.value === el.defaultValue) el.value = value;
  typed.clear();
}

/**
 * Wraps the whole app: a parent's layout effect runs after all of its children's, once the document is
 * hydrated, and before any passive effect (useEffect).
 */
export function KeepTypedText({ children }: { children: ReactNode }) {
  useLayoutEffect(restoreTyped, []);
  return <>{children}</>;
}
