-- Issue #4: documents behind a dossier (reports, audits, contracts), kept in PostgreSQL so a backup of
-- the database is a backup of everything. At most 10 MB each, enforced here too. The content type is the
-- one we detected from the bytes, never the one the browser claimed.
create table attachments (
  id uuid primary key default gen_random_uuid(),
  deployment_id uuid not null references deployments (id) on delete cascade,
  title text not null,
  filename text not null,
  content_type text not null,
  size integer not null check (size > 0 and size <= 10485760),
  sha256 text not null,
  data bytea not null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index attachments_deployment_idx on attachments (deployment_id, created_at);
