/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />
export {};

// Single fetch types for useLoaderData and friends (remix.config.js sets v3_singleFetch).
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
