import { createContext, useContext } from "react";

/**
 * The CSP nonce of this response, given to Remix's inline scripts. It travels through React context
 * from entry.server.tsx, never through loader data, so it is not repeated inside the page's JSON.
 * In the browser it is undefined: the scripts are already there.
 */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
