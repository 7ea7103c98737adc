-- Issue #5: what staff set for a consultation, and the structured answers participants can give.
-- Dates are stored as instants; the consultation's time zone is the one staff type them in, and each
-- person sees them in their own (DESIGN.md "Things users expect": dates in the user's locale).
alter table consultations
  add column time_zone text not null default 'UTC' check (length(time_zone) between 1 and 64),
  -- The languages the consultation is offered in (its briefing, its questions); its own lang is one of them.
  add column languages text[] not null default '{}',
  add column moderation_policy text not null default '' check (length(moderation_policy) <= 10000),
  add column status_changed_at timestamptz;

-- The people a consultation means to reach, with how staff will reach them (000 §23, §56; 001 §33).
-- Participants may also say they belong to one (below): the same list, so nobody types a sensitive label.
create table target_groups (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references consultations (id) on delete cascade,
  position integer not null,
  name text not null check (length(name) between 2 and 200),
  outreach_notes text not null default '' check (length(outreach_notes) <= 4000),
  created_at timestamptz not null default now()
);
create index target_groups_consultation_idx on target_groups (consultation_id, position);

-- Self-identified affected groups are sensitive (000 §57(n)): kept apart from the participation and the
-- inputs, never shown per person, and only ever counted in aggregates of at least 5.
create table participation_groups (
  participation_id uuid not null references participations (id) on delete cascade,
  target_group_id uuid not null references target_groups (id) on delete cascade,
  primary key (participation_id, target_group_id)
);
create index participation_groups_group_idx on participation_groups (target_group_id);

-- An optional organisation or union the participant speaks for or belongs to (shown only if they publish
-- under their name).
alter table participations add column organisation text not null default '' check (length(organisation) <= 200);

-- Structured answers: the choices of a choice question, and "how serious would this be for you" on the
-- four dimensions of 001 §44 (scale, scope, reversibility, likelihood), each 1-4 and shown in words.
alter table inputs
  add column choices text[] not null default '{}',
  add column sev_scale smallint check (sev_scale between 1 and 4),
  add column sev_scope smallint check (sev_scope between 1 and 4),
  add column sev_reversibility smallint check (sev_reversibility between 1 and 4),
  add column sev_likelihood smallint check (sev_likelihood between 1 and 4),
  -- Rights the author says are affected (catalogue ids) and the target groups affected.
  add column rights text[] not null default '{}',
  add column affected_groups uuid[] not null default '{}',
  drop constraint inputs_body_check,
  add constraint inputs_body_check check (
    length(body) <= 10000
    and (length(body) >= 1 or cardinality(choices) > 0 or sev_scale is not null or sev_scope is not null
         or sev_reversibility is not null or sev_likelihood is not null or status = 'withdrawn'));

-- Answers to one question, for the editor's "already answered" check and for triage by question.
create index inputs_section_ref_idx on inputs (consultation_id, section_ref) where section_ref is not null;
