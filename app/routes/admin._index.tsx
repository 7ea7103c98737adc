import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { tFor } from "~/i18n.server";
import { requirePermission } from "~/modules/auth/guards.server";

export const handle = { i18n: ["admin"] };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context, "view:admin")!;
  return { name: user.displayName, roles: [...new Set(user.roles.map((r) => r.role))], title: tFor(context.locale)("admin:home.title") };
}

export default function AdminHome() {
  const { name, roles } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("admin:home.title")}</h1>
      <p>{t("admin:home.welcome", { name })}</p>
      <p>
        {t("admin:home.yourRoles")}: {roles.map((r) => t(`admin:roles.${r}`)).join(", ")}
      </p>
    </>
  );
}
