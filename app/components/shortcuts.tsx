import { useEffect } from "react";

/**
 * Single-key shortcuts for staff queues (j/k to move, 1-7 to choose…), active only while focus is not in a
 * text field, never with a modifier key, and only once JavaScript runs: every action stays a link or a
 * button without them. `keys` maps a key to what it does.
 */
export function useShortcuts(keys: Record<string, () => void>) {
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) {
        // A radio or checkbox still lets shortcuts through; typing in a field never does.
        if (!(el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox"))) return;
      }
      const run = keys[e.key];
      if (run) {
        e.preventDefault();
        run();
      }
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [keys]);
}

/** Moves focus to the next (+1) or previous (-1) element matching `selector`, from the one that has focus. */
export function moveFocus(selector: string, step: 1 | -1) {
  const all = [...document.querySelectorAll<HTMLElement>(selector)];
  if (!all.length) return;
  const at = all.findIndex((el) => el === document.activeElement || el.contains(document.activeElement));
  const next = all[Math.min(all.length - 1, Math.max(0, at === -1 ? 0 : at + step))];
  next.focus();
  next.scrollIntoView({ block: "nearest" });
}
