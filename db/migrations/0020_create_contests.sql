-- Issue #8: the author of an input (or a member of the group, for a joint submission) may contest its
-- answer once, with a reason. It goes to the lead's queue with a deadline; the new answer and the outcome
-- are public (001 §44, §60; 003 pt6).

create table contests (
  id uuid primary key default gen_random_uuid(),
  -- Once per answer: a second contest of the same answer is refused.
  response_id uuid not null unique references responses (id) on delete cascade,
  consultation_id uuid not null references consultations (id) on delete cascade,
  contested_by uuid references users (id) on delete set null,
  reason text not null check (length(reason) between 10 and 4000),
  deadline date not null,
  status text not null default 'open' check (status in ('open', 'answered')),
  outcome text check (outcome in ('upheld', 'changed')),
  outcome_reason text check (length(outcome_reason) between 3 and 4000),
  answered_by uuid references users (id) on delete set null,
  answered_at timestamptz,
  created_at timestamptz not null default now(),
  check ((status = 'answered') = (outcome is not null and outcome_reason is not null and answered_at is not null))
);
create index contests_queue_idx on contests (consultation_id, status, deadline);
