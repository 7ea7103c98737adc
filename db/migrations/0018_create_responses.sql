-- Issue #8: "you said, we did". Every published input gets a public answer: a decision, a reason in plain
-- language, and the assessment changes it led to (000 §57(e); 001 §44, §65(l); 003 pt5). Inputs answered
-- together (a cluster, a campaign) still get one row each, so each author finds their own answer.

create table responses (
  id uuid primary key default gen_random_uuid(),
  input_id uuid not null unique references inputs (id) on delete cascade,
  consultation_id uuid not null references consultations (id) on delete cascade,
  decision text not null check (decision in ('adopted', 'partly_adopted', 'not_adopted', 'out_of_scope')),
  reason text not null check (length(reason) between 3 and 4000),
  -- Written in the consultation's main language; translations follow the translation workflow (#9).
  lang text not null,
  -- Inputs answered in one go share it, so the page can say "answered together with N others".
  batch_id uuid not null,
  revision integer not null default 1,
  responded_by uuid references users (id) on delete set null,
  responded_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- The public list and responses.json page through a consultation's answers newest first.
create index responses_consultation_idx on responses (consultation_id, responded_at, id);
create index responses_batch_idx on responses (batch_id);

-- The impacts an answer points to: what the input changed in the assessment.
create table response_impacts (
  response_id uuid not null references responses (id) on delete cascade,
  impact_id uuid not null references impacts (id) on delete cascade,
  primary key (response_id, impact_id)
);
create index response_impacts_impact_idx on response_impacts (impact_id);
