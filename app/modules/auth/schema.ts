import { z } from "zod";
import "~/lib/zod-errors";
import { isSupportedLng } from "~/i18n";
import { staffRoles } from "./permissions";

// Error messages are i18n keys, translated where they are shown (STYLE.md, "A route module").
const email = z
  .string({ required_error: "auth:errors.emailRequired" })
  .trim()
  .min(1, "auth:errors.emailRequired")
  .max(254, "auth:errors.emailInvalid")
  .email("auth:errors.emailInvalid")
  .transform((v) => v.toLowerCase());

export const LoginSchema = z.object({
  email,
  password: z.string({ required_error: "auth:errors.passwordRequired" }).min(1, "auth:errors.passwordRequired").max(1024, "auth:errors.passwordTooLong"),
  redirectTo: z.string().optional(),
});

/** 12 characters at least: length beats composition rules (NIST SP 800-63B). */
export const NewPasswordSchema = z
  .string({ required_error: "auth:errors.passwordRequired" })
  .min(12, "auth:errors.passwordTooShort")
  .max(1024, "auth:errors.passwordTooLong");

export const AcceptInvitationSchema = z
  .object({
    displayName: z.string({ required_error: "auth:errors.nameRequired" }).trim().min(1, "auth:errors.nameRequired").max(100, "auth:errors.nameTooLong"),
    password: NewPasswordSchema,
    confirmPassword: z.string().optional(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "auth:errors.passwordsDiffer" });

export const PseudonymSchema = z
  .string({ required_error: "auth:errors.pseudonymRequired" })
  .trim()
  .min(2, "auth:errors.pseudonymTooShort")
  .max(40, "auth:errors.pseudonymTooLong")
  // Letters of any script, marks, digits, spaces and a little punctuation; no markup, no control characters.
  .regex(/^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} ._'-]*$/u, "auth:errors.pseudonymCharacters");

export const JoinSchema = z.object({
  pseudonym: PseudonymSchema,
  preferredLang: z.string().optional().refine((v) => !v || isSupportedLng(v), "auth:errors.languageUnknown"),
  organisation: z
    .string()
    .trim()
    .max(200, "auth:errors.organisationTooLong")
    .refine((v) => !/[\u0000-\u001F\u007F<>]/.test(v), "auth:errors.pseudonymCharacters")
    .default(""),
  // Self-identified affected groups: ids of the consultation's target groups (checked against them on join).
  groups: z.array(z.string().uuid("auth:errors.groupUnknown")).max(50, "auth:errors.groupUnknown").default([]),
  consent: z.literal("yes", { errorMap: () => ({ message: "auth:errors.consentRequired" }) }),
});

export const RecoverSchema = z.object({
  code: z.string({ required_error: "auth:errors.codeRequired" }).trim().min(1, "auth:errors.codeRequired").max(64, "auth:errors.codeInvalid"),
});

export const AddEmailSchema = z.object({ email });

export const InviteSchema = z.object({
  email,
  organisationId: z.string({ required_error: "admin:errors.organisationRequired" }).uuid("admin:errors.organisationRequired"),
  roles: z.array(z.enum(staffRoles)).min(1, "admin:errors.roleRequired"),
});

export const SetRolesSchema = z.object({
  userId: z.string().uuid("admin:errors.userUnknown"),
  organisationId: z.string({ required_error: "admin:errors.organisationRequired" }).uuid("admin:errors.organisationRequired"),
  roles: z.array(z.enum(staffRoles)).default([]),
});

export const OrganisationSchema = z.object({
  name: z.string({ required_error: "admin:errors.organisationNameRequired" }).trim().min(2, "admin:errors.organisationNameRequired").max(200, "admin:errors.organisationNameTooLong"),
});
