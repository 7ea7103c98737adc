-- Issue #3: the smallest deployment and consultation records the pages and the demo need; the dossier
-- (issue #4) and the consultation settings (issue #5) extend them in later migrations.
-- A consultation belongs to a deployment and to a lifecycle stage (000 §9, §57(b); 003 preamble).

create table deployments (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  organisation_id uuid not null references organisations (id),
  name text not null,
  purpose text not null,
  sector text not null,
  lifecycle_stage text not null check (lifecycle_stage in ('design', 'development', 'procurement', 'deployment', 'use', 'decommissioning')),
  high_risk boolean not null default false,
  status text not null default 'draft' check (status in ('draft', 'published', 'withdrawn')),
  -- The language the content was written in; shown as lang="…" around it.
  lang text not null default 'en',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index deployments_organisation_idx on deployments (organisation_id);

create table consultations (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  deployment_id uuid not null references deployments (id),
  lifecycle_stage text not null check (lifecycle_stage in ('design', 'development', 'procurement', 'deployment', 'use', 'decommissioning')),
  title text not null,
  summary text not null,
  lang text not null default 'en',
  status text not null default 'draft' check (status in ('draft', 'open', 'closed', 'analysis', 'responded')),
  opens_at timestamptz,
  closes_at timestamptz,
  default_attribution text not null default 'pseudonymous' check (default_attribution in ('named', 'pseudonymous', 'chatham_house')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index consultations_status_idx on consultations (status, closes_at);
create index consultations_deployment_idx on consultations (deployment_id);

-- A participant's place in one consultation. The pseudonym is unique within the consultation and is
-- never shown linked to their pseudonyms elsewhere (issue #5). Consent is recorded at join (000 §57(n)).
create table participations (
  id uuid primary key default gen_random_uuid(),
  consultation_id uuid not null references consultations (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  pseudonym text not null,
  consent_version text not null,
  consented_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  unique (consultation_id, user_id)
);
create unique index participations_pseudonym_idx on participations (consultation_id, lower(pseudonym));
create index participations_user_idx on participations (user_id);
