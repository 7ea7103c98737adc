import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { fieldErrors, formValues } from "~/lib/forms";
import { requireParticipation } from "~/lib/participation.server";
import { addInput } from "~/modules/inputs/inputs.server";
import { inputLanguage } from "~/modules/inputs/language.server";
import { inputListFields, NewInputSchema } from "~/modules/inputs/schema";

/** A comment or a reply from a participant who has joined (001 §44: feedback goes into the assessment). */
export async function commentAction({ request, params, context }: ActionFunctionArgs) {
  const { consultation, participationId } = await requireParticipation(request, context, params.slug!);
  const formData = await request.formData();
  const values = formValues(formData);
  const lists = Object.fromEntries(inputListFields.map((name) => [name, formData.getAll(name)]));
  // Who may write comes before what they wrote: someone who has not joined is refused whatever the form holds.
  if (!participationId) return data({ values, errors: { form: ["inputs:errors.notJoined"] } }, { status: 403 });
  const parsed = NewInputSchema.safeParse({ ...values, ...lists });
  if (!parsed.success) return data({ values, errors: fieldErrors(parsed.error) }, { status: 400 });
  // Issue #9: an input is recorded in the language it is written in (000 §15), so it can be translated for
  // others: the author's choice, or the page's language unless the text is clearly in another one.
  const lang = inputLanguage(parsed.data.body, context.locale, parsed.data.lang);
  const result = await addInput({ ...parsed.data, consultation, participationId, lang });
  if (!result.ok) return data({ values, errors: { [refusalField(result.error, Boolean(parsed.data.parentId))]: [result.error] } }, { status: result.status });
  return redirect(`/c/${consultation.slug}#input-${result.inputId}`, 303);
}


/** The field a refusal belongs beside, so the person sees it where they can fix it. */
function refusalField(error: string, reply: boolean): string {
  if (error === "inputs:errors.unknownTarget") return reply ? "form" : "sectionRef";
  if (error === "inputs:errors.choice") return "choices";
  if (error === "inputs:errors.unknownGroup") return "affectedGroups";
  return "form";
}
