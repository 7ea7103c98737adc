/**
 * For resource routes (files, downloads): a module's thrown `data(null, { status })` (not found,
 * forbidden) becomes a plain Response with that status. Remix answers it the same either way, but logs
 * it from a resource route as an unhandled error, which it is not.
 */
export async function asResource(load: () => Promise<Response>): Promise<Response> {
  try {
    return await load();
  } catch (err) {
    if (err && typeof err === "object" && (err as { type?: unknown }).type === "DataWithResponseInit") {
      throw new Response(null, { status: (err as { init?: ResponseInit | null }).init?.status ?? 500 });
    }
    throw err;
  }
}
