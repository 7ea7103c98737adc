-- Content in the reader's language (000 §15, §36, §56; 001 §31). One model for every translatable text:
-- per entity, field and language, the text, how it was made (machine draft or a person), its status, who
-- did it, and the hash of the source it was made from; when the source changes, the translation shows as
-- outdated until redone. This migration brings the model and its reading side (issue #5: the briefing in
-- Swahili); the translators' queue, editor, review and glossary come with the translation issue (#9),
-- which will extend the list of entities.
create table translations (
  id uuid primary key default gen_random_uuid(),
  entity text not null check (entity in ('consultation', 'briefing_section', 'question')),
  entity_id uuid not null,
  field text not null check (field ~ '^[a-z][a-z_]{0,39}$'),
  lang text not null check (lang ~ '^[a-z]{2,3}$'),
  text text not null check (length(text) <= 20000),
  method text not null check (method in ('machine', 'human')),
  status text not null check (status in ('draft', 'translated', 'reviewed')),
  -- A machine draft is never "reviewed" as such: a person who checks it makes it a human translation.
  check (not (method = 'machine' and status = 'reviewed')),
  source_hash text not null,
  translated_by uuid references users (id) on delete set null,
  reviewed_by uuid references users (id) on delete set null,
  updated_at timestamptz not null default now(),
  unique (entity, entity_id, field, lang)
);
create index translations_lookup_idx on translations (entity, lang, entity_id);
