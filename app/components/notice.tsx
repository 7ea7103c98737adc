import type { ReactNode } from "react";

/** A polite announcement at the top of a page ("Draft saved."): role=status, so screen readers say it. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="notice" role="status">
      {children}
    </p>
  );
}
