-- Issue #4: deployment dossiers with published versions, and the public register.
-- A published dossier is never edited in place (001 §32, §65(i)): staff edit `draft`, and each
-- publication copies it into dossier_versions with a change summary. The register reads the columns
-- below, which are set from the latest published version, so listing and filtering need no JSON.

alter table deployments
  add column operational_status text not null default 'planned'
    check (operational_status in ('planned', 'piloting', 'in_use', 'suspended', 'withdrawn')),
  add column draft jsonb not null default '{}'::jsonb,
  add column published_version integer,
  add column published_at timestamptz,
  -- Every language of the published dossier's text, for PostgreSQL full-text search ('simple' config:
  -- no stemming, so it treats Swahili and Amharic no worse than English).
  add column search tsvector,
  add constraint deployments_sector_check check (sector in (
    'social_protection', 'policing', 'migration', 'justice', 'education', 'employment', 'health',
    'elections', 'infrastructure', 'tax', 'transport', 'environment', 'other'));

create index deployments_register_idx on deployments (status, published_at desc);
create index deployments_search_idx on deployments using gin (search);

create table dossier_versions (
  id uuid primary key default gen_random_uuid(),
  deployment_id uuid not null references deployments (id) on delete cascade,
  version integer not null,
  content jsonb not null,
  change_summary text not null,
  -- Purpose, data, vendor, model, sector or status changed: the impact assessment must be reviewed (001 §43).
  material_change boolean not null,
  published_by uuid references users (id) on delete set null,
  published_at timestamptz not null default now(),
  unique (deployment_id, version)
);

-- The hook for the impact-assessment issue (#7): a material change asks for a review of the linked
-- assessment. Rows stay until the assessment records that it has been reviewed.
create table assessment_review_requests (
  id uuid primary key default gen_random_uuid(),
  deployment_id uuid not null references deployments (id) on delete cascade,
  dossier_version integer not null,
  changed_fields text[] not null,
  resolved_at timestamptz,
  created_at timestamptz not null default now()
);
create index assessment_review_requests_open_idx on assessment_review_requests (deployment_id) where resolved_at is null;
