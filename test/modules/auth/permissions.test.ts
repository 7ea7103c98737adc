import { describe, expect, it } from "vitest";
import { can, rolePermissions, type SessionUser } from "../../../app/modules/auth/permissions";

const person = (roles: SessionUser["roles"]): SessionUser => ({ id: "u", kind: "staff", displayName: "A", email: "a@example.org", roles });

describe("can", () => {
  it("lets anyone read and join a consultation without an account (001 §33)", () => {
    expect(can(null, "view:consultation")).toBe(true);
    expect(can(null, "join:consultation")).toBe(true);
  });

  it("denies what no role lists: deny by default", () => {
    expect(can(null, "view:admin")).toBe(false);
    expect(can(person([]), "view:admin")).toBe(false);
    expect(can(person([{ role: "translator", organisationId: "org-a" }]), "manage:users")).toBe(false);
  });

  it("keeps a role scoped to its organisation", () => {
    const lead = person([{ role: "consultation_lead", organisationId: "org-a" }]);
    expect(can(lead, "publish:assessment", "org-a")).toBe(true);
    expect(can(lead, "publish:assessment", "org-b")).toBe(false);
    expect(can(lead, "publish:assessment", null)).toBe(false);
    expect(can(lead, "publish:assessment")).toBe(true);
  });

  it("gives a platform-wide admin every organisation", () => {
    const admin = person([{ role: "admin", organisationId: null }]);
    expect(can(admin, "manage:users", "org-z")).toBe(true);
    expect(can(admin, "manage:organisation", null)).toBe(true);
  });

  it("gives every staff role the staff area, and each role only its own work", () => {
    for (const role of ["admin", "consultation_lead", "analyst", "facilitator", "translator", "moderator"] as const) {
      expect(can(person([{ role, organisationId: "o" }]), "view:admin")).toBe(true);
    }
    expect(rolePermissions.facilitator).not.toContain("publish:assessment");
    expect(can(person([{ role: "moderator", organisationId: "o" }]), "edit:translation")).toBe(false);
  });
});
