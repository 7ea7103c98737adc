/**
 * Deny by default: a permission not listed for one of a user's roles is refused (STYLE.md,
 * "Permissions"). One table drives both `requirePermission` on the server and `can` in the UI.
 * Strings are `verb:entity[:own|any]`.
 */
export const staffRoles = ["admin", "consultation_lead", "analyst", "facilitator", "translator", "moderator"] as const;
export type StaffRole = (typeof staffRoles)[number];
/** Pseudo-roles every visitor and every signed-in person hold, whatever else they are. */
export type BaseRole = "anonymous" | "participant";

// Anyone may complain about a deployed system, with or without an account (001 §60).
const publicPermissions = ["view:consultation", "view:register", "join:consultation", "file:grievance"] as const;

export const rolePermissions = {
  anonymous: [...publicPermissions],
  participant: [...publicPermissions, "comment:consultation", "report:input", "manage:account:own"],
  facilitator: ["view:admin", "enter:proxy_input"],
  // A translation is reviewed by a second translator, never by the one who made it (issue #9).
  translator: ["view:admin", "edit:translation", "review:translation", "suggest:ui_string"],
  analyst: ["view:admin", "triage:input", "edit:assessment"],
  moderator: ["view:admin", "hide:input:any"],
  consultation_lead: [
    "view:admin",
    "manage:deployment",
    "manage:consultation",
    "triage:input",
    "edit:assessment",
    "publish:assessment",
    "respond:input",
    "enter:proxy_input",
    "handle:grievance",
  ],
  admin: [
    "view:admin",
    "manage:users",
    "manage:organisation",
    "manage:deployment",
    "manage:consultation",
    // An admin who approves an assessment must be able to read it, and may stand in for an analyst.
    "triage:input",
    "edit:assessment",
    "publish:assessment",
    "respond:input",
    "enter:proxy_input",
    "hide:input:any",
    "handle:grievance",
    "edit:translation",
    "review:translation",
    "suggest:ui_string",
    "manage:ui_strings",
  ],
} as const satisfies Record<BaseRole | StaffRole, readonly string[]>;

export type Permission = (typeof rolePermissions)[keyof typeof rolePermissions][number];

export interface RoleGrant {
  role: StaffRole;
  /** null: the role holds on the whole platform. */
  organisationId: string | null;
}

export interface SessionUser {
  id: string;
  kind: "staff" | "participant";
  displayName: string;
  email: string | null;
  roles: RoleGrant[];
}

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === "string" && (staffRoles as readonly string[]).includes(value);
}

/**
 * Whether `user` may do `permission`. `organisationId`: undefined asks "in any organisation" (to reach an
 * area whose lists the module then filters), null asks "on the whole platform", an id asks "in that
 * organisation". A role scoped to one organisation never grants anything in another.
 */
export function can(user: SessionUser | null | undefined, permission: Permission, organisationId?: string | null): boolean {
  const base: BaseRole = user ? "participant" : "anonymous";
  if ((rolePermissions[base] as readonly string[]).includes(permission)) return true;
  if (!user) return false;
  return user.roles.some(
    (grant) =>
      (rolePermissions[grant.role] as readonly string[]).includes(permission) &&
      (organisationId === undefined || grant.organisationId === null || grant.organisationId === organisationId),
  );
}

/**
 * The organisations in which `user` holds `permission`; null when a platform-wide role grants it
 * everywhere. Lists of staff pages are filtered by it.
 */
export function organisationsWhere(user: SessionUser, permission: Permission): string[] | null {
  const grants = user.roles.filter((g) => (rolePermissions[g.role] as readonly string[]).includes(permission));
  if (grants.some((g) => g.organisationId === null)) return null;
  return [...new Set(grants.map((g) => g.organisationId!))];
}
