import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAccountData } from "~/modules/auth/account.server";
import { requireUser } from "~/modules/auth/guards.server";

/** A person's own data, as a JSON download (000 §57(n); 001 §66(f)). Never cached anywhere. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const body = JSON.stringify(await exportAccountData(user.id), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="my-data.json"',
      "Cache-Control": "no-store",
    },
  });
}
