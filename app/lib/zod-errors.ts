import { z } from "zod";

/**
 * What a form says for a check that has no message of its own: a field missing, or of the wrong shape (sent
 * twice, a list where one value belongs, a number that is not one). Schemas give their own message for all
 * a person can get wrong in a browser; these cover what only a crafted request sends, still as locale keys,
 * so even then the person reads it in their language (issue #10; test/modules/forms/validation.test.ts).
 * Imported by every schema module; a schema's own messages always come first.
 */
export const fallbackErrorMap: z.ZodErrorMap = (issue) => ({
  message: issue.code === "invalid_type" && issue.received === "undefined" ? "common:forms.required" : "common:forms.invalid",
});
z.setErrorMap(fallbackErrorMap);
