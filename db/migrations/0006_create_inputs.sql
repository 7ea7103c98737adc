-- Issue #5: what participants say. A comment is on the whole consultation, a briefing section or a
-- question; a reply answers another input. The author is the participation (a pseudonym in this
-- consultation only), never a name or contact (000 §55; 001 §19). The idempotency key makes a
-- resubmitted form (a double click, a retry after a dropped connection) land once.

create table inputs (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references consultations (id) on delete cascade,
  participation_id uuid references participations (id) on delete set null,
  kind text not null check (kind in ('comment', 'reply', 'joint_section')),
  parent_id uuid references inputs (id) on delete cascade,
  -- null: the whole consultation; 'section:<uuid>' or 'question:<code>'.
  section_ref text,
  lang text not null,
  body text not null check (length(body) between 1 and 10000),
  concerns text[] not null default '{}',
  proposed_mitigation text not null default '',
  attribution text not null check (attribution in ('named', 'pseudonymous', 'chatham_house')),
  status text not null default 'published' check (status in ('published', 'hidden', 'withdrawn')),
  idempotency_key text not null,
  created_at timestamptz not null default now(),
  unique (consultation_id, idempotency_key),
  check ((kind = 'reply') = (parent_id is not null))
);
create index inputs_board_idx on inputs (consultation_id, created_at desc) where parent_id is null;
create index inputs_parent_idx on inputs (parent_id, created_at);
create index inputs_rate_idx on inputs (participation_id, created_at);
