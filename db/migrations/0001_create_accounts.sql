-- Issue #3: accounts, roles and sessions.
-- Staff sign in with email and password; participants only ever give a pseudonym (001 §33) and hold a
-- recovery code, stored as a hash. No IP address or user agent is stored anywhere (000 §55; 001 §19).

create table organisations (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  created_at timestamptz not null default now()
);

create table users (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('staff', 'participant')),
  display_name text not null,
  -- Lower-cased on write. Optional for participants, who may add one later for notices.
  email text unique,
  password_hash text,
  -- sha256 of a high-entropy code shown once at sign-up; enough to find the account, useless if leaked.
  recovery_code_hash text unique,
  preferred_lang text,
  status text not null default 'active' check (status in ('active', 'invited', 'disabled')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (kind = 'participant' or email is not null)
);

create table role_assignments (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  -- null: the role holds on the whole platform (the bootstrap admin).
  organisation_id uuid references organisations (id) on delete cascade,
  role text not null check (role in ('admin', 'consultation_lead', 'analyst', 'facilitator', 'translator', 'moderator')),
  created_at timestamptz not null default now(),
  unique nulls not distinct (user_id, organisation_id, role)
);
create index role_assignments_organisation_idx on role_assignments (organisation_id, user_id);

-- The id is the sha256 of the cookie's token, so a read of this table cannot hijack a session.
create table sessions (
  id text primary key,
  user_id uuid not null references users (id) on delete cascade,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index sessions_user_idx on sessions (user_id);
create index sessions_expires_idx on sessions (expires_at);

create table invitations (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  user_id uuid not null references users (id) on delete cascade,
  invited_by uuid references users (id) on delete set null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  created_at timestamptz not null default now()
);
create index invitations_user_idx on invitations (user_id);

-- Failed sign-ins per account, keyed by a hash of the email so unknown emails are throttled alike
-- and the table never holds an address.
create table login_throttles (
  key_hash text primary key,
  failures integer not null default 0,
  window_started_at timestamptz not null default now(),
  locked_until timestamptz
);

-- Who changed which account or role, and when (provenance, DESIGN.md "The flow of data").
create table audit_events (
  id bigint generated always as identity primary key,
  actor_id uuid references users (id) on delete set null,
  action text not null,
  subject_type text not null,
  subject_id text not null,
  details jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index audit_events_subject_idx on audit_events (subject_type, subject_id, created_at desc);

-- Secrets the server makes for itself on first start (the CSRF key), kept here so that a restart or a
-- second instance accepts the forms the first one served.
create table app_secrets (
  name text primary key,
  value text not null,
  created_at timestamptz not null default now()
);
