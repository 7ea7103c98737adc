-- Issue #9: content is translated through a workflow in which a machine draft is only a starting point
-- and a person decides what is published (000 §15, §36, §56; 001 §31). Extends the translation model of
-- 0013 to the dossier, inputs and answers; adds review by a second translator, a glossary per deployment,
-- a retry queue for machine drafts, and suggestions for the interface's own strings.

alter table translations drop constraint translations_entity_check;
alter table translations add constraint translations_entity_check
  check (entity in ('consultation', 'briefing_section', 'question', 'deployment', 'input', 'response'));
-- The second translator's review: when, and a note when they sent it back.
alter table translations add column reviewed_at timestamptz;
alter table translations add column review_note text check (length(review_note) <= 2000);
-- The translators' queue reads a language's translations of a set of entities.
create index translations_queue_idx on translations (lang, entity, entity_id);

-- Agreed translations of terms such as "automated decision", per deployment and language, shown beside the
-- editor so every translator uses the same words.
create table glossary_terms (
  id uuid primary key default gen_random_uuid(),
  deployment_id uuid not null references deployments (id) on delete cascade,
  term text not null check (length(term) between 1 and 200),
  lang text not null check (lang ~ '^[a-z]{2,3}$'),
  translation text not null check (length(translation) between 1 and 200),
  note text check (length(note) <= 500),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create unique index glossary_terms_unique_idx on glossary_terms (deployment_id, lang, lower(term));

-- Machine drafts wait here: a provider that is down or slow only delays them, nothing is lost. A job is for
-- one field of one entity in one language, from the source as it was (its hash) when asked.
create table translation_jobs (
  id uuid primary key default gen_random_uuid(),
  entity text not null,
  entity_id uuid not null,
  field text not null,
  lang text not null check (lang ~ '^[a-z]{2,3}$'),
  source_hash text not null,
  requested_by uuid references users (id) on delete set null,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  -- An error code only (timeout, ECONNREFUSED, HTTP 503), never the text.
  last_error text,
  done_at timestamptz,
  created_at timestamptz not null default now(),
  unique (entity, entity_id, field, lang, source_hash)
);
create index translation_jobs_due_idx on translation_jobs (next_attempt_at) where done_at is null;

-- A translator's fix to one interface string (locales/<lang>/<namespace>.json); an admin accepts or
-- rejects it and exports the accepted ones as a locale file.
create table ui_suggestions (
  id uuid primary key default gen_random_uuid(),
  lang text not null check (lang ~ '^[a-z]{2,3}$'),
  namespace text not null check (namespace ~ '^[a-z]{2,20}$'),
  key text not null check (key ~ '^[A-Za-z0-9_.-]{1,200}$'),
  text text not null check (length(text) between 1 and 2000),
  suggested_by uuid references users (id) on delete set null,
  status text not null default 'open' check (status in ('open', 'accepted', 'rejected')),
  decided_by uuid references users (id) on delete set null,
  decided_at timestamptz,
  created_at timestamptz not null default now()
);
create index ui_suggestions_lang_idx on ui_suggestions (lang, status, created_at);

-- A consultation opens in a language only when its briefing is translated by a person; this setting lets it
-- open with machine drafts, and the page then says so.
alter table consultations add column allow_unreviewed_languages boolean not null default false;
