/** A translation of the demo briefing (the consultation's texts, its sections and its questions). */
export interface DemoTranslation {
  consultation: { title: string; summary: string };
  sections: { title: string; body: string; plain: string; easyRead: string }[];
  questions: Record<string, { prompt: string; hint: string }>;
}
