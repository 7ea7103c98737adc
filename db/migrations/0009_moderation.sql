-- Issue #5: moderation and safety. Anyone taking part can report an input; a moderator can hide it with a
-- public reason ("hidden by a moderator: personal data of a third party"), never silently, and the input
-- stays on record. Identical texts sent many times are kept, grouped under the first, and counted once for
-- analysis (a possible campaign), never deleted.

create table input_reports (
  id uuid primary key default gen_random_uuid(),
  input_id uuid not null references inputs (id) on delete cascade,
  -- Who reported it, so one person counts once; removed with their account.
  reporter_id uuid references users (id) on delete set null,
  reason text not null check (reason in ('personal_data', 'threat', 'hate', 'spam', 'off_topic', 'other')),
  note text not null default '' check (length(note) <= 1000),
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by uuid references users (id) on delete set null,
  resolution text check (resolution in ('hidden', 'kept')),
  unique (input_id, reporter_id)
);
create index input_reports_open_idx on input_reports (created_at) where resolved_at is null;
create index input_reports_reporter_rate_idx on input_reports (reporter_id, created_at);

alter table inputs
  add column hidden_reason text check (hidden_reason in ('personal_data', 'threat', 'hate', 'spam', 'off_topic', 'other')),
  add column hidden_note text not null default '' check (length(hidden_note) <= 500),
  add column hidden_at timestamptz,
  add column hidden_by uuid references users (id) on delete set null,
  add constraint inputs_hidden_check check ((status = 'hidden') = (hidden_reason is not null)),
  -- The normalised text's hash, and the first input with the same text in the consultation.
  add column text_hash text,
  add column duplicate_of uuid references inputs (id) on delete set null;
create index inputs_text_hash_idx on inputs (consultation_id, text_hash) where text_hash is not null and duplicate_of is null;
create index inputs_duplicate_of_idx on inputs (duplicate_of) where duplicate_of is not null;
