-- Issue #4: the briefing pack of a consultation and its questions (000 §36, §39, §57(h); 001 §32, §42, §48).
-- A section is either free text or points at a section of the deployment's published dossier (its body is
-- then read from the dossier, so a new dossier version updates the briefing). Every section has a
-- plain-language and an easy-read version written by a person. Questions carry a short code, printed on
-- the paper form, so answers gathered offline can be entered back against the right question (000 §23).

create table briefing_sections (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references consultations (id) on delete cascade,
  position integer not null,
  dossier_section text check (dossier_section in ('purpose', 'system', 'data', 'testing', 'procurement', 'risk', 'remedy')),
  title text not null,
  body text not null default '',
  plain text not null default '',
  easy_read text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index briefing_sections_consultation_idx on briefing_sections (consultation_id, position);

create table questions (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references consultations (id) on delete cascade,
  position integer not null,
  code text not null check (code ~ '^[A-Z][A-Z0-9]{0,7}$'),
  kind text not null default 'open' check (kind in ('open', 'single_choice', 'multiple_choice', 'seriousness')),
  prompt text not null,
  hint text not null default '',
  choices jsonb not null default '[]'::jsonb,
  created_at timestamptz not null default now(),
  unique (consultation_id, code)
);
create index questions_consultation_idx on questions (consultation_id, position);
