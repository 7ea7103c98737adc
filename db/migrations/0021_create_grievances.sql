-- Issue #8: a complaint and remedy channel about a deployed system (not about a consultation). Anyone may
-- file, with or without an account, in their language; the person follows the case by a reference code
-- and, if they gave one, by email. Each step has a responsible entity and a deadline set by the
-- organisation; an adverse decision comes with its reason and how to appeal (000 §57(e); 001 §60;
-- 003 pt6). Asking to opt out of the system is one kind of grievance (003 pt5).

-- Per organisation and state: who must act next, and within how many days. A state with no row uses
-- the defaults in app/modules/grievances/constants.ts.
create table grievance_stages (
  organisation_id uuid not null references organisations (id) on delete cascade,
  state text not null check (state in ('received', 'acknowledged', 'under_review', 'decided', 'appealed')),
  responsible_entity text not null check (length(responsible_entity) between 2 and 300),
  days integer not null check (days between 1 and 365),
  updated_by uuid references users (id) on delete set null,
  updated_at timestamptz not null default now(),
  primary key (organisation_id, state)
);

-- The deadline a lead has to answer a contested answer (#8), set per organisation like the stages above.
alter table organisations add column contest_days integer not null default 30 check (contest_days between 1 and 365);

create table grievances (
  id uuid primary key default gen_random_uuid(),
  -- What the person holds to follow their case: 60 random bits, shown as XXXX-XXXX-XXXX.
  reference text not null unique check (reference ~ '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'),
  deployment_id uuid not null references deployments (id) on delete cascade,
  organisation_id uuid not null references organisations (id) on delete cascade,
  kind text not null check (kind in ('harm', 'wrong_decision', 'opt_out', 'other')),
  body text not null check (length(body) between 10 and 8000),
  lang text not null check (lang ~ '^[a-z]{2,3}$'),
  -- Set only when filed while signed in: the account's inbox is told of each change.
  user_id uuid references users (id) on delete set null,
  -- Optional, for follow-up by email; erased 30 days after the case is closed.
  contact_email text check (contact_email is null or (length(contact_email) <= 254 and contact_email ~ '^[^@\s]+@[^@\s]+$')),
  state text not null default 'received' check (state in ('received', 'acknowledged', 'under_review', 'decided', 'appealed', 'closed')),
  -- When the current step is due (for 'decided': the end of the time to appeal).
  due_on date,
  outcome text check (outcome in ('upheld', 'partly_upheld', 'not_upheld')),
  decision_reason text check (length(decision_reason) between 3 and 4000),
  remedy text check (length(remedy) <= 4000),
  decided_at timestamptz,
  appeal_reason text check (length(appeal_reason) between 10 and 4000),
  appealed_at timestamptz,
  appeal_outcome text check (appeal_outcome in ('upheld', 'changed')),
  appeal_reason_answer text check (length(appeal_reason_answer) between 3 and 4000),
  closed_at timestamptz,
  -- A keyed hash of the browser or account that filed it, for the rate limit only; erased after 2 days.
  source_hash text,
  revision integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((state in ('received', 'acknowledged', 'under_review')) = (outcome is null)),
  check (outcome is null or (decision_reason is not null and decided_at is not null)),
  check ((appeal_reason is null) = (appealed_at is null)),
  check (state <> 'appealed' or appeal_reason is not null),
  check ((state = 'closed') = (closed_at is not null)),
  check (state = 'closed' or due_on is not null)
);
-- The staff queue: an organisation's open cases by deadline.
create index grievances_queue_idx on grievances (organisation_id, state, due_on);
create index grievances_deployment_idx on grievances (deployment_id, state);
create index grievances_source_idx on grievances (source_hash, created_at) where source_hash is not null;
create index grievances_user_idx on grievances (user_id) where user_id is not null;
-- The deployment-wide ceiling counts the recent filings of one deployment.
create index grievances_recent_idx on grievances (deployment_id, created_at);

-- Every change of state, with the note the person is shown (their history on the case page).
create table grievance_events (
  id uuid primary key default gen_random_uuid(),
  grievance_id uuid not null references grievances (id) on delete cascade,
  state text not null check (state in ('received', 'acknowledged', 'under_review', 'decided', 'appealed', 'closed')),
  -- The entity responsible for the new state and its deadline, as they were at the time.
  responsible_entity text,
  due_on date,
  note text check (length(note) <= 4000),
  actor_id uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index grievance_events_grievance_idx on grievance_events (grievance_id, created_at);

-- People with an account hear of their case in their inbox.
alter table notices drop constraint notices_kind_check;
alter table notices add constraint notices_kind_check
  check (kind in ('response', 'consultation_status', 'assessment_published', 'contest_answered', 'grievance'));

-- People without an account, who gave an address, hear by email: an outbox row then names the event
-- instead of a person. The address is read from the grievance when sending, never copied here.
alter table email_outbox alter column user_id drop not null;
alter table email_outbox alter column notice_ids drop not null;
alter table email_outbox add column grievance_event_id uuid references grievance_events (id) on delete cascade;
alter table email_outbox add constraint email_outbox_target_check
  check ((user_id is not null and notice_ids is not null) or (user_id is null and grievance_event_id is not null));
