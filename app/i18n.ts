/**
 * Languages shared by server and browser. 000 §3, §56, §59(a): English is not privileged, so every
 * shipped language is complete (test/i18n/locales.test.ts) and right-to-left ones mirror the layout.
 */
export const supportedLngs = ["en", "fr", "es", "pt", "ar", "ur", "sw", "am", "ha", "hi", "bn", "id"] as const;
export type Lng = (typeof supportedLngs)[number];
export const fallbackLng: Lng = "en";
export const namespaces = ["common", "auth", "admin", "consultations", "dossier", "register", "inputs", "assessment", "responses", "grievances", "translations"] as const;
export type Namespace = (typeof namespaces)[number];
export const defaultNS: Namespace = "common";

/** Each language named in itself, so a person finds their own whatever the page's language. */
export const languageNames: Record<Lng, string> = {
  en: "English",
  fr: "Français",
  es: "Español",
  pt: "Português",
  ar: "العربية",
  ur: "اردو",
  sw: "Kiswahili",
  am: "አማርኛ",
  ha: "Hausa",
  hi: "हिन्दी",
  bn: "বাংলা",
  id: "Bahasa Indonesia",
};

const rtl = new Set(["ar", "ur", "fa", "he", "ps", "sd", "ug", "yi", "dv", "ckb"]);

export function isSupportedLng(value: unknown): value is Lng {
  return typeof value === "string" && (supportedLngs as readonly string[]).includes(value);
}

export function dirOf(lng: string): "rtl" | "ltr" {
  return rtl.has(lng.toLowerCase().split("-")[0]) ? "rtl" : "ltr";
}

export const i18nOptions = {
  supportedLngs: [...supportedLngs],
  fallbackLng,
  defaultNS,
  ns: [...namespaces],
  // Keys are written "namespace:key" everywhere so the key check can find them in code.
  nsSeparator: ":",
  interpolation: { escapeValue: false }, // React escapes
  react: { useSuspense: false },
} as const;
