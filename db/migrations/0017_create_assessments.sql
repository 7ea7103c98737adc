-- Issue #7: the human-rights impact assessment that inputs feed straight into (000 §57(c); 001 §43-44,
-- §47, §64; 003 pt2-3). One working assessment per deployment; each approval freezes a numbered version
-- (assessment_versions), which is what the public reads. Every rating change and every link from an input
-- records who, when and which inputs caused it (DESIGN.md: every arrow keeps provenance).

-- Trigram similarity groups near-identical inputs in triage (campaigns, the same point in other words).
-- pg_trgm is a trusted extension (a database owner may create it). In public, so every schema sees it;
-- two migrations racing to create it (parallel test files) must not fail, hence the exception block.
do $$ begin
  create extension if not exists pg_trgm with schema public;
exception when unique_violation or duplicate_object then null;
end $$;

create table assessments (
  id uuid primary key default gen_random_uuid(),
  deployment_id uuid not null unique references deployments (id) on delete cascade,
  status text not null default 'draft'
    check (status in ('draft', 'consultation_open', 'analysis', 'approval', 'published', 'under_review')),
  conclusion text check (conclusion in ('proceed', 'proceed_with_conditions', 'do_not_deploy')),
  justification text not null default '' check (length(justification) <= 10000),
  -- Who sent the decision for approval: the one person who may not approve it.
  submitted_by uuid references users (id) on delete set null,
  submitted_at timestamptz,
  review_reason text not null default '' check (length(review_reason) <= 1000),
  revision integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- 003 pt2(a)-(e): the sections of the assessment, each a text with its evidence.
create table assessment_sections (
  assessment_id uuid not null references assessments (id) on delete cascade,
  key text not null check (key in ('purpose_context', 'uses_misuses', 'benefits', 'failure_modes', 'impacted_groups',
    'data_quality', 'testing', 'bias_audits')),
  body text not null default '' check (length(body) <= 20000),
  revision integer not null default 1,
  updated_by uuid references users (id) on delete set null,
  updated_at timestamptz not null default now(),
  primary key (assessment_id, key)
);

create table assessment_evidence (
  id uuid primary key default gen_random_uuid(),
  assessment_id uuid not null references assessments (id) on delete cascade,
  section_key text not null,
  source text not null check (length(source) between 2 and 500),
  dated date,
  url text check (url ~ '^https?://' and length(url) <= 2000),
  -- Or one of the deployment's published documents (a test report, an audit).
  attachment_id uuid references attachments (id) on delete set null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index assessment_evidence_idx on assessment_evidence (assessment_id, section_key, created_at);

-- An impact: who is harmed, which rights, rated on scale, scope, reversibility and likelihood (001 §44),
-- inherent (before mitigation) and residual (after). Severity and priority are derived in rules.ts, never
-- stored, so the rule has one place. group_ids are target groups of the deployment's consultations.
create table impacts (
  id uuid primary key default gen_random_uuid(),
  assessment_id uuid not null references assessments (id) on delete cascade,
  number integer not null,
  title text not null check (length(title) between 3 and 200),
  description text not null default '' check (length(description) <= 10000),
  rights text[] not null default '{}',
  group_ids uuid[] not null default '{}',
  scale smallint not null check (scale between 1 and 4),
  scope smallint not null check (scope between 1 and 4),
  reversibility smallint not null check (reversibility between 1 and 4),
  likelihood smallint not null check (likelihood between 1 and 4),
  rationale jsonb not null default '{}',
  residual_scale smallint check (residual_scale between 1 and 4),
  residual_scope smallint check (residual_scope between 1 and 4),
  residual_reversibility smallint check (residual_reversibility between 1 and 4),
  residual_likelihood smallint check (residual_likelihood between 1 and 4),
  residual_rationale text not null default '' check (length(residual_rationale) <= 4000),
  -- The dossier red line this impact would cross (a catalogue id, or 'other:<n>' for the dossier's own).
  red_line text,
  status text not null default 'open' check (status in ('open', 'closed')),
  closed_reason text not null default '' check (length(closed_reason) <= 2000),
  revision integer not null default 1,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (assessment_id, number),
  check ((residual_scale is null) = (residual_scope is null) and (residual_scope is null) = (residual_reversibility is null)
    and (residual_reversibility is null) = (residual_likelihood is null)),
  check (status = 'open' or length(closed_reason) >= 3)
);

-- Every change of a rating: from → to, by whom, why, and the inputs that caused it.
create table impact_rating_changes (
  id uuid primary key default gen_random_uuid(),
  impact_id uuid not null references impacts (id) on delete cascade,
  phase text not null check (phase in ('inherent', 'residual')),
  dimension text not null check (dimension in ('scale', 'scope', 'reversibility', 'likelihood')),
  from_value smallint,
  to_value smallint,
  rationale text not null default '',
  input_ids uuid[] not null default '{}',
  changed_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index impact_rating_changes_idx on impact_rating_changes (impact_id, created_at);

-- 001 §44: mitigations decided with the people affected; a condition attaches to the decision.
create table mitigations (
  id uuid primary key default gen_random_uuid(),
  impact_id uuid not null references impacts (id) on delete cascade,
  level text not null check (level in ('avoid', 'reduce', 'restore', 'compensate')),
  description text not null check (length(description) between 3 and 4000),
  owner text not null default '' check (length(owner) <= 200),
  due_on date,
  status text not null default 'planned' check (status in ('planned', 'in_progress', 'done', 'dropped')),
  is_condition boolean not null default false,
  source_input_id uuid references inputs (id) on delete set null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index mitigations_impact_idx on mitigations (impact_id, created_at);

-- Triage: what an analyst decided an input means for the assessment.
create table input_links (
  id uuid primary key default gen_random_uuid(),
  assessment_id uuid not null references assessments (id) on delete cascade,
  input_id uuid not null references inputs (id) on delete cascade,
  impact_id uuid references impacts (id) on delete cascade,
  kind text not null check (kind in ('corroborates', 'contests', 'new_harm', 'new_group', 'changes_rating',
    'proposes_mitigation', 'out_of_scope')),
  note text not null default '' check (length(note) <= 1000),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  check ((kind = 'out_of_scope') = (impact_id is null))
);
create unique index input_links_unique_idx on input_links (input_id, kind, coalesce(impact_id, '00000000-0000-0000-0000-000000000000'::uuid));
create index input_links_impact_idx on input_links (impact_id, created_at);

-- Similar inputs: a GiST trigram index, so "nearest texts first" (<->) walks the index and stops after a
-- fixed number of rows, however many inputs say nearly the same thing (a GIN index would have to score
-- every match before sorting).
create index inputs_body_trgm_idx on inputs using gist (body gist_trgm_ops);
-- The triage queue pages through one consultation's inputs newest first, (created_at, id) as the keyset:
-- read backwards, this index gives exactly that order, so a page stops after its 51 rows.
create index inputs_triage_idx on inputs (consultation_id, created_at, id);

-- What the public reads: a frozen snapshot per approved version.
create table assessment_versions (
  id uuid primary key default gen_random_uuid(),
  assessment_id uuid not null references assessments (id) on delete cascade,
  version integer not null,
  conclusion text not null check (conclusion in ('proceed', 'proceed_with_conditions', 'do_not_deploy')),
  content jsonb not null,
  submitted_by uuid references users (id) on delete set null,
  approved_by uuid references users (id) on delete set null,
  published_at timestamptz not null default now(),
  unique (assessment_id, version)
);

-- 003 pt3; 001 §47: after deployment, indicators with thresholds and a cadence.
create table monitoring_indicators (
  id uuid primary key default gen_random_uuid(),
  assessment_id uuid not null references assessments (id) on delete cascade,
  name text not null check (length(name) between 3 and 200),
  unit text not null default '' check (length(unit) <= 50),
  direction text not null check (direction in ('above', 'below')),
  threshold numeric not null,
  cadence_days integer not null check (cadence_days between 1 and 366),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index monitoring_indicators_idx on monitoring_indicators (assessment_id, created_at);

create table monitoring_results (
  id uuid primary key default gen_random_uuid(),
  indicator_id uuid not null references monitoring_indicators (id) on delete cascade,
  value numeric not null,
  observed_on date not null,
  note text not null default '' check (length(note) <= 1000),
  breached boolean not null,
  entered_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index monitoring_results_idx on monitoring_results (indicator_id, observed_on desc);

-- A review request now also comes from a breached indicator (003 pt3), not only from a dossier change.
alter table assessment_review_requests
  add column reason text not null default 'dossier_change' check (reason in ('dossier_change', 'monitoring')),
  add column indicator_id uuid references monitoring_indicators (id) on delete set null,
  alter column dossier_version drop not null;
