-- Issue #8: people are told when their input got an answer, when a consultation they joined changes
-- status, and when an assessment they fed is published. An inbox works with the pseudonymous account (no
-- email needed, 001 §33); those who gave an email get it by email too, at once or in a daily digest.
-- A notice stores ids and names, never text rendered in one language: it is worded in the reader's
-- language when shown or sent.

alter table users
  add column notice_email text not null default 'each' check (notice_email in ('none', 'each', 'daily'));

create table notices (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  kind text not null check (kind in ('response', 'consultation_status', 'assessment_published', 'contest_answered')),
  params jsonb not null default '{}',
  link text not null check (link ~ '^/'),
  read_at timestamptz,
  -- Set once the notice is in an email (alone or in a digest), so it is never sent twice.
  queued_at timestamptz,
  created_at timestamptz not null default now()
);
create index notices_user_idx on notices (user_id, created_at desc);
create index notices_unqueued_idx on notices (user_id, created_at) where queued_at is null;

-- The email retry queue: one row per email to send; a failed send waits and tries again, nothing is lost.
-- The address is read when sending (a person who removed it gets no email), and never stored here.
create table email_outbox (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  notice_ids uuid[] not null check (cardinality(notice_ids) between 1 and 500),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  -- An error code only (ECONNREFUSED, 550…), never an address or a message body.
  last_error text,
  sent_at timestamptz,
  created_at timestamptz not null default now()
);
create index email_outbox_due_idx on email_outbox (next_attempt_at) where sent_at is null;
