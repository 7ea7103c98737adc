import { describe, expect, it } from "vitest";
import { dirOf } from "../../app/i18n";
import { detectLocale, parseAcceptLanguage } from "../../app/lib/locale.server";

const url = (q = "") => new URL(`http://x/c/demo${q}`);

describe("detectLocale", () => {
  it("takes ?lng= first and asks to remember it", () => {
    expect(detectLocale(url("?lng=sw"), "fr", "ar")).toEqual({ locale: "sw", remember: "sw" });
  });

  it("takes the cookie when there is no ?lng=", () => {
    expect(detectLocale(url(), "ur", "fr-FR,fr;q=0.9")).toEqual({ locale: "ur", unsupported: undefined });
  });

  it("falls back to Accept-Language by weight, matching a regional tag to its language", () => {
    expect(detectLocale(url(), undefined, "de-DE;q=0.9, pt-BR;q=0.8, en;q=0.1").locale).toBe("pt");
  });

  it("uses English when nothing matches", () => {
    expect(detectLocale(url(), undefined, "de, ja").locale).toBe("en");
  });

  it("reports an unknown ?lng= code and goes on with the next rule", () => {
    expect(detectLocale(url("?lng=xx-<b>"), undefined, "hi")).toEqual({ locale: "hi", unsupported: "xx-<b>" });
  });

  it("ignores a cookie holding an unsupported or malformed language", () => {
    expect(detectLocale(url(), "klingon", "bn").locale).toBe("bn");
  });
});

describe("parseAcceptLanguage", () => {
  it("orders by q, drops q=0 and garbage", () => {
    expect(parseAcceptLanguage("fr;q=0.5, am, sw;q=0, ;;, <script>")).toEqual(["am", "fr"]);
  });
});

describe("dirOf", () => {
  it("is rtl for Arabic and Urdu, ltr otherwise", () => {
    expect(dirOf("ar")).toBe("rtl");
    expect(dirOf("ur")).toBe("rtl");
    expect(dirOf("sw")).toBe("ltr");
  });
});
