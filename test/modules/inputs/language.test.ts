import { describe, expect, it } from "vitest";
import { inputLanguage } from "../../../app/modules/inputs/language.server";

// The language recorded for an input (issue #9): the author's choice, else the page's unless the text is
// clearly another of the platform's languages.

const texts: [string, string][] = [
  ["en", "The system should never stop a payment without a person checking the file first."],
  ["fr", "Le système ne devrait jamais arrêter un paiement sans qu'une personne vérifie d'abord le dossier."],
  ["es", "El sistema nunca debería detener un pago sin que una persona revise primero el expediente."],
  ["pt", "O sistema nunca deveria interromper um pagamento sem que uma pessoa verifique primeiro o processo."],
  ["sw", "Mfumo haupaswi kamwe kusimamisha malipo bila mtu kukagua faili kwanza."],
  ["id", "Sistem tidak boleh menghentikan pembayaran tanpa seseorang memeriksa berkasnya terlebih dahulu."],
  ["ha", "Bai kamata tsarin ya dakatar da biyan kuɗi ba tare da wani mutum ya duba fayil ɗin da farko ba."],
  ["ar", "لا ينبغي للنظام أبدًا أن يوقف دفعة دون أن يتحقق شخص من الملف أولاً."],
  ["ur", "نظام کو کبھی بھی کسی شخص کے پہلے فائل کی جانچ کیے بغیر ادائیگی نہیں روکنی چاہیے۔"],
  ["hi", "प्रणाली को कभी भी किसी व्यक्ति द्वारा पहले फ़ाइल की जाँच किए बिना भुगतान नहीं रोकना चाहिए।"],
  ["bn", "কোনো ব্যক্তি প্রথমে ফাইলটি পরীক্ষা না করে সিস্টেমের কখনও অর্থপ্রদান বন্ধ করা উচিত নয়।"],
  ["am", "ስርዓቱ አንድ ሰው በመጀመሪያ ፋይሉን ሳይመረምር ክፍያን ፈጽሞ ማቆም የለበትም።"],
];

describe("inputLanguage", () => {
  it("recognises a text clearly written in each of the platform's languages, on an English page", () => {
    for (const [lang, text] of texts) expect(inputLanguage(text, "en"), lang).toBe(lang);
  });

  it("keeps the page's language for a text in it, on every page", () => {
    for (const [lang, text] of texts) expect(inputLanguage(text, lang), lang).toBe(lang);
  });

  it("keeps the page's language when the text is too short to tell", () => {
    expect(inputLanguage("Oui.", "es")).toBe("es");
    expect(inputLanguage("", "sw")).toBe("sw");
    expect(inputLanguage("12345 67890 !!! ???", "fr")).toBe("fr");
  });

  it("takes the author's choice among the platform's languages over any guess", () => {
    expect(inputLanguage(texts[1][1], "en", "ha")).toBe("ha");
    expect(inputLanguage(texts[1][1], "en", "nl")).toBe("fr");
    expect(inputLanguage(texts[1][1], "en", "")).toBe("fr");
  });
});
