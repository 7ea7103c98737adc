-- Issue #5: groups and joint submissions (000 §58(c); 001 §48, §50). A union, coalition or community
-- group of a consultation invites members by code, co-drafts one submission, and submits it as the
-- group's input, with how many members endorsed the exact text. The live co-editing of the draft comes
-- with the collaborative-documents issue (#6, a `draft:<id>` doc); the model, permissions and the submit
-- step are here, and the draft can be written with plain forms meanwhile.

create table groups (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references consultations (id) on delete cascade,
  name text not null check (length(name) between 2 and 120),
  kind text not null check (kind in ('union', 'coalition', 'community', 'ngo', 'other')),
  -- Shared with members out loud or on paper, so kept readable for the coordinators; a new code
  -- replaces the old one at once.
  invite_code text not null unique check (invite_code ~ '^[A-Z2-9]{4}-[A-Z2-9]{4}$'),
  created_by uuid references participations (id) on delete set null,
  created_at timestamptz not null default now()
);
create unique index groups_name_idx on groups (consultation_id, lower(name));

create table group_members (
  group_id uuid not null references groups (id) on delete cascade,
  participation_id uuid not null references participations (id) on delete cascade,
  role text not null check (role in ('coordinator', 'member')),
  joined_at timestamptz not null default now(),
  primary key (group_id, participation_id)
);
create index group_members_participation_idx on group_members (participation_id);

-- The group's draft. `revision` guards plain-form saves: a form saved over a newer revision is refused
-- and shown again with its text, never lost. `content_hash` identifies the exact text members endorse.
create table joint_drafts (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null unique references groups (id) on delete cascade,
  title text not null default '' check (length(title) <= 200),
  sections jsonb not null default '[]'::jsonb,
  revision integer not null default 0,
  content_hash text not null default '',
  updated_at timestamptz not null default now(),
  updated_by uuid references participations (id) on delete set null
);

create table draft_endorsements (
  draft_id uuid not null references joint_drafts (id) on delete cascade,
  participation_id uuid not null references participations (id) on delete cascade,
  content_hash text not null,
  endorsed_at timestamptz not null default now(),
  primary key (draft_id, participation_id)
);

-- A submitted version: frozen. A later submission is a new version; an earlier one is never rewritten.
create table joint_submissions (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references groups (id) on delete cascade,
  version integer not null,
  title text not null,
  content_hash text not null,
  submitted_by uuid references participations (id) on delete set null,
  endorsements integer not null check (endorsements >= 1),
  members integer not null check (members >= endorsements),
  submitted_at timestamptz not null default now(),
  unique (group_id, version)
);

-- Each section of a submission is an input of kind joint_section, written through addInput like every
-- other input; its author is the group's submission, not a person.
alter table inputs
  add column submission_id uuid references joint_submissions (id) on delete cascade,
  add constraint inputs_joint_check check ((kind = 'joint_section') = (submission_id is not null));
create index inputs_submission_idx on inputs (submission_id) where submission_id is not null;
