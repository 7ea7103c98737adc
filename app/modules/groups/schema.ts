import { z } from "zod";
import "~/lib/zod-errors";
import { MAX_INPUT_CHARS } from "../inputs/constants";

// Groups and joint submissions (issue #5): the forms, shared by the pages and the actions.

import { groupKinds, MAX_DRAFT_SECTIONS } from "./constants";

export * from "./constants";

export const NewGroupSchema = z.object({
  name: z
    .string({ required_error: "inputs:groups.errors.name" })
    .trim()
    .min(2, "inputs:groups.errors.name")
    .max(120, "inputs:groups.errors.name")
    .refine((v) => !/[\u0000-\u001F\u007F<>]/.test(v), "inputs:groups.errors.name"),
  kind: z.enum(groupKinds, { errorMap: () => ({ message: "inputs:groups.errors.kind" }) }),
});

/** "K7QM-3XPD": typed from paper or said on the phone, so no 0/O or 1/I, and case does not matter. */
export const JoinGroupSchema = z.object({
  code: z
    .string({ required_error: "inputs:groups.errors.code" })
    .trim()
    .toUpperCase()
    .transform((v) => v.replace(/[^A-Z0-9]/g, ""))
    .refine((v) => /^[A-Z2-9]{8}$/.test(v), "inputs:groups.errors.code")
    .transform((v) => `${v.slice(0, 4)}-${v.slice(4)}`),
});

const sectionRef = z
  .string()
  .trim()
  .regex(/^(section:[0-9a-f-]{36}|question:[A-Z][A-Z0-9]{0,7})?$/, "inputs:errors.unknownTarget")
  .transform((v) => v || null);

export const DraftSectionSchema = z.object({
  heading: z.string().trim().max(200, "inputs:errors.tooLong"),
  body: z
    .string()
    .trim()
    .max(MAX_INPUT_CHARS, "inputs:errors.tooLong")
    .refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v), "inputs:errors.binary"),
  sectionRef,
});
export type DraftSection = z.infer<typeof DraftSectionSchema>;

export const DraftSchema = z.object({
  title: z.string().trim().max(200, "inputs:errors.tooLong").default(""),
  revision: z.coerce.number().int().min(0),
  sections: z.array(DraftSectionSchema).max(MAX_DRAFT_SECTIONS, "inputs:groups.errors.tooManySections"),
});

