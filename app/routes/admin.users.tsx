import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/i18n-react";
import { CsrfField, ErrorSummary, Field, useFormState, valueOf } from "~/components/forms";
import { tFor } from "~/i18n.server";
import { parseCookies, serializeCookie } from "~/lib/cookies";
import { fieldErrors, formValues, type FormValues } from "~/lib/forms";
import { addOrganisation, inviteStaff, listOrganisations, listStaff, setStaffRoles } from "~/modules/auth/auth.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { can, organisationsWhere, staffRoles } from "~/modules/auth/permissions";
import { InviteSchema, OrganisationSchema, SetRolesSchema } from "~/modules/auth/schema";

export const handle = { i18n: ["admin"] };

// The loader's no-store must reach the document: the page may show an invitation link once.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const INVITE_COOKIE = "invite_link";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requirePermission(request, context, "manage:users")!;
  const scope = organisationsWhere(user, "manage:users");
  const after = new URL(request.url).searchParams.get("after") ?? undefined;
  const [staff, organisations] = await Promise.all([listStaff({ organisationIds: scope, after, limit: 50 }), listOrganisations({ ids: scope })]);
  // A new invitation's link is shown once, then forgotten (it travels in a short httpOnly cookie).
  const inviteLink = parseCookies(request.headers.get("cookie") ?? undefined)[INVITE_COOKIE] ?? null;
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (inviteLink) headers.append("Set-Cookie", serializeCookie(INVITE_COOKIE, "", { maxAgeSeconds: 0, path: "/", secure: context.secure }));
  const origin = new URL(request.url).origin;
  return data(
    {
      staff,
      organisations,
      canAddOrganisation: scope === null,
      inviteUrl: inviteLink && /^[A-Za-z0-9_-]{20,64}$/.test(inviteLink) ? `${origin}/invite/${inviteLink}` : null,
      nextAfter: staff.length === 50 ? staff[staff.length - 1].email : null,
      title: tFor(context.locale)("admin:users.title"),
    },
    { headers },
  );
}

function refuse(values: FormValues, errors: Record<string, string[]>, status: number) {
  return data({ values, errors }, { status });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, context, "manage:users")!;
  const formData = await request.formData();
  const values = formValues(formData);
  const intent = formData.get("intent");
  const roles = formData.getAll("roles");

  if (intent === "addOrganisation") {
    requirePermission(request, context, "manage:organisation", null);
    const parsed = OrganisationSchema.safeParse(values);
    if (!parsed.success) return refuse(values, fieldErrors(parsed.error), 400);
    const result = await addOrganisation({ name: parsed.data.name, actorId: user.id });
    if (!result.ok) return refuse(values, { name: [result.error] }, result.status);
    return redirect("/admin/users", 303);
  }

  if (intent === "setRoles") {
    const parsed = SetRolesSchema.safeParse({ ...values, roles });
    if (!parsed.success) return refuse(values, fieldErrors(parsed.error), 400);
    requirePermission(request, context, "manage:users", parsed.data.organisationId);
    const result = await setStaffRoles({ ...parsed.data, actorId: user.id });
    if (!result.ok) return refuse(values, { form: [result.error] }, result.status);
    return redirect("/admin/users", 303);
  }

  const parsed = InviteSchema.safeParse({ ...values, roles });
  if (!parsed.success) return refuse(values, fieldErrors(parsed.error), 400);
  if (!can(user, "manage:users", parsed.data.organisationId)) return refuse(values, { organisationId: ["admin:errors.organisationForbidden"] }, 403);
  const result = await inviteStaff({ ...parsed.data, invitedBy: user.id });
  if (!result.ok) return refuse(values, { email: [result.error] }, result.status);
  return redirect("/admin/users", {
    status: 303,
    headers: { "Set-Cookie": serializeCookie(INVITE_COOKIE, result.token, { maxAgeSeconds: 300, path: "/", secure: context.secure }) },
  });
}

export default function AdminUsers() {
  const { staff, organisations, canAddOrganisation, inviteUrl, nextAfter } = useLoaderData<typeof loader>();
  const { values, errors } = useFormState();
  const { t } = useTranslation();
  const isInvite = !values.intent || values.intent === "invite";
  const chosenRoles = new Set(([] as string[]).concat(values.roles ?? []));
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  return (
    <>
      <h1>{t("admin:users.title")}</h1>
      {inviteUrl ? (
        <div className="notice" role="status">
          <p>{t("admin:users.invited")}</p>
          <p>
            <code className="break">{inviteUrl}</code>
          </p>
        </div>
      ) : null}

      <section aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t("admin:users.invite.heading")}</h2>
        {isInvite ? <ErrorSummary errors={errors} /> : null}
        <Form method="post" noValidate className="form">
          <CsrfField />
          <input type="hidden" name="intent" value="invite" />
          <Field name="email" label={t("admin:users.invite.email")} errors={isInvite ? errors : undefined}>
            {(p) => <input {...p} type="email" autoComplete="off" defaultValue={isInvite ? valueOf(values, "email") ?? "" : ""} />}
          </Field>
          <Field name="organisationId" label={t("admin:users.invite.organisation")} errors={isInvite ? errors : undefined}>
            {(p) => (
              <select {...p} defaultValue={isInvite ? valueOf(values, "organisationId") : undefined}>
                {organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset className="field" id="roles">
            <legend className="field__label">{t("admin:users.invite.roles")}</legend>
            {isInvite && errors.roles ? <p className="field__error">{t(errors.roles[0])}</p> : null}
            {staffRoles.map((role) => (
              <div className="checkbox" key={role}>
                <input type="checkbox" id={`invite-role-${role}`} name="roles" value={role} defaultChecked={isInvite && chosenRoles.has(role)} />
                <label htmlFor={`invite-role-${role}`}>{t(`admin:roles.${role}`)}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit" className="button">
            {t("admin:users.invite.submit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="staff-heading">
        <h2 id="staff-heading">{t("admin:users.list.heading")}</h2>
        {values.intent === "setRoles" ? <ErrorSummary errors={errors} /> : null}
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("admin:users.list.name")}</th>
              <th scope="col">{t("admin:users.list.status")}</th>
              <th scope="col">{t("admin:users.list.roles")}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((person) => {
              const orgIds = [...new Set(person.roles.map((r) => r.organisationId))];
              return (
                <tr key={person.id}>
                  <td>
                    {person.displayName}
                    <br />
                    <small>{person.email}</small>
                  </td>
                  <td>{t(`admin:status.${person.status}`)}</td>
                  <td>
                    {orgIds.map((orgId) =>
                      orgId === null ? (
                        <p key="platform">{person.roles.filter((r) => r.organisationId === null).map((r) => t(`admin:roles.${r.role}`)).join(", ")} ({t("admin:users.platformWide")})</p>
                      ) : orgName.has(orgId) ? (
                        <Form method="post" key={orgId} className="roles-form">
                          <CsrfField />
                          <input type="hidden" name="intent" value="setRoles" />
                          <input type="hidden" name="userId" value={person.id} />
                          <input type="hidden" name="organisationId" value={orgId} />
                          <fieldset>
                            <legend>{orgName.get(orgId)}</legend>
                            {staffRoles.map((role) => (
                              <span className="checkbox checkbox--inline" key={role}>
                                <input
                                  type="checkbox"
                                  id={`r-${person.id}-${orgId}-${role}`}
                                  name="roles"
                                  value={role}
                                  defaultChecked={person.roles.some((r) => r.organisationId === orgId && r.role === role)}
                                />
                                <label htmlFor={`r-${person.id}-${orgId}-${role}`}>{t(`admin:roles.${role}`)}</label>
                              </span>
                            ))}
                          </fieldset>
                          <button type="submit" className="button button--secondary">
                            {t("admin:users.list.saveRoles", { name: person.displayName })}
                          </button>
                        </Form>
                      ) : null,
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {nextAfter ? (
          <p>
            <a href={`/admin/users?after=${encodeURIComponent(nextAfter)}`}>{t("admin:users.list.next")}</a>
          </p>
        ) : null}
      </section>

      {canAddOrganisation ? (
        <section aria-labelledby="org-heading">
          <h2 id="org-heading">{t("admin:organisations.heading")}</h2>
          {values.intent === "addOrganisation" ? <ErrorSummary errors={errors} /> : null}
          <Form method="post" noValidate className="form">
            <CsrfField />
            <input type="hidden" name="intent" value="addOrganisation" />
            <Field name="name" label={t("admin:organisations.name")} errors={values.intent === "addOrganisation" ? errors : undefined}>
              {(p) => <input {...p} type="text" defaultValue={values.intent === "addOrganisation" ? valueOf(values, "name") ?? "" : ""} />}
            </Field>
            <button type="submit" className="button">
              {t("admin:organisations.submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
