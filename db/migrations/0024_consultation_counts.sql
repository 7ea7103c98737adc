-- Issue #10: per-request work must not grow with the total. The report (/c/<slug>/report, report.json)
-- and the answers page counted every input of the consultation on each request: the report took 890 ms at
-- 50,000 inputs, 18 times as long as at 1,000. The counts are now kept as the records change, by triggers,
-- in the same transaction as the change, so a page reads a few dozen rows however large the consultation
-- is, and the report is still generated from the records on each request (issue #8).
--
-- They are exact, not estimates: each is what a count over the records gives at that moment
-- (test/modules/report/counts.test.ts recounts after random changes, and after the cascades of a
-- deleted participation, group and consultation). Like the report, they cover published inputs only.

create table consultation_counts (
  consultation_id uuid not null references consultations (id) on delete cascade,
  -- lang (key: the language), method (individual, joint or a facilitator's method), people (spoken for by
  -- facilitators, by method), target (whole, section, reply or question:<code>), concern, right,
  -- participants (key ''), group (key: the target group's id), answered (key ''), decision.
  dim text not null,
  key text not null,
  n integer not null,
  primary key (consultation_id, dim, key)
);

-- Published inputs per participant: someone with at least one is a participant, and is counted in each
-- target group they say they belong to (`groups`: the groups they are counted in now). No foreign key: a
-- deleted participation's inputs lose their author in a cascade, and that change takes the person out.
create table participant_counts (
  participation_id uuid primary key,
  consultation_id uuid not null,
  n integer not null,
  groups uuid[] not null default '{}'
);

-- What some inputs add to (sign 1) or take from (sign -1) the counts. The same expressions as the report
-- used to aggregate on each request.
create function input_count_deltas(changed inputs[], sign integer)
returns table (consultation_id uuid, dim text, key text, n integer) language sql stable as $$
  with published as (
    select *, case when submission_id is not null then 'joint' when on_behalf_method is not null then on_behalf_method else 'individual' end as method
    from unnest(changed) where status = 'published')
  select consultation_id, 'lang', lang, sign from published
  union all
  select consultation_id, 'method', method, sign from published
  union all
  select consultation_id, 'people', method, sign * on_behalf_count from published where on_behalf_count is not null
  union all
  select consultation_id, 'target',
    case when parent_id is not null then 'reply' when section_ref like 'question:%' then section_ref
      when section_ref like 'section:%' then 'section' else 'whole' end, sign
  from published
  union all
  select p.consultation_id, 'concern', tag, sign from published p, unnest(p.concerns) as tag
  union all
  select p.consultation_id, 'right', r, sign from published p, unnest(p.rights) as r
$$;

create function participant_count_deltas(changed inputs[], sign integer)
returns table (participation_id uuid, consultation_id uuid, delta integer) language sql stable as $$
  select participation_id, consultation_id, sign from unnest(changed) where status = 'published' and participation_id is not null
$$;

-- One consultation's counts change one transaction at a time, so two writers never lock its rows in
-- opposite orders (a joint submission writes its sections one statement after another).
create function lock_consultation_counts(ids uuid[]) returns void language plpgsql as $$
begin
  perform pg_advisory_xact_lock(hashtextextended('consultation_counts:' || id::text, 0))
  from (select distinct id from unnest(ids) as id where id is not null order by id) x;
end $$;

-- Counts these participants in the groups they are in now while they have a published input, and in none
-- otherwise. It compares with the groups they were last counted in, not with what changed, so it gives
-- the same counts whichever of a cascade's changes (their inputs, their groups) comes first.
create function sync_participant_groups(ids uuid[]) returns void language plpgsql as $$
begin
  with target as (
    select p.participation_id, p.consultation_id, p.groups as was,
      case when p.n > 0 then array(select pg.target_group_id from participation_groups pg where pg.participation_id = p.participation_id order by 1)
        else '{}'::uuid[] end as now
    from participant_counts p where p.participation_id = any(ids)),
  kept as (
    update participant_counts p set groups = t.now from target t
    where p.participation_id = t.participation_id and p.groups is distinct from t.now)
  insert into consultation_counts as cc (consultation_id, dim, key, n)
  select x.consultation_id, 'group', x.g::text, sum(x.step)::int
  from (
    select t.consultation_id, g, 1 as step from target t, unnest(t.now) as g where not g = any(t.was)
    union all
    select t.consultation_id, g, -1 from target t, unnest(t.was) as g where not g = any(t.now)
  ) x
  where x.consultation_id in (select id from consultations)
  group by 1, 2, 3 order by 1, 2, 3
  on conflict (consultation_id, dim, key) do update set n = cc.n + excluded.n;
end $$;

create function count_inputs() returns trigger language plpgsql as $$
declare
  before_rows inputs[];
  after_rows inputs[];
  changed inputs[];
  authors uuid[];
begin
  if tg_op in ('UPDATE', 'DELETE') then select array_agg(o) into before_rows from old_rows o; end if;
  if tg_op in ('INSERT', 'UPDATE') then select array_agg(a) into after_rows from new_rows a; end if;
  changed := coalesce(before_rows, '{}') || coalesce(after_rows, '{}');
  perform lock_consultation_counts(array(select c.consultation_id from unnest(changed) c));

  insert into consultation_counts as cc (consultation_id, dim, key, n)
  select d.consultation_id, d.dim, d.key, sum(d.n)::int
  from (select * from input_count_deltas(before_rows, -1) union all select * from input_count_deltas(after_rows, 1)) d
  where d.consultation_id in (select id from consultations)
  group by 1, 2, 3 having sum(d.n) <> 0 order by 1, 2, 3
  on conflict (consultation_id, dim, key) do update set n = cc.n + excluded.n;

  -- Participants: counted when a person's first input is published, uncounted when their last one is no
  -- longer; then their groups.
  with d as (
    select x.participation_id, x.consultation_id, sum(x.delta)::int as delta
    from (select * from participant_count_deltas(before_rows, -1) union all select * from participant_count_deltas(after_rows, 1)) x
    where x.consultation_id in (select id from consultations)
    group by 1, 2 having sum(x.delta) <> 0),
  up as (
    insert into participant_counts as p (participation_id, consultation_id, n)
    select d.participation_id, d.consultation_id, d.delta from d order by 1
    on conflict (participation_id) do update set n = p.n + excluded.n
    returning p.participation_id, p.n)
  insert into consultation_counts as cc (consultation_id, dim, key, n)
  select d.consultation_id, 'participants', '', sum((up.n > 0)::int - (up.n - d.delta > 0)::int)::int
  from d join up on up.participation_id = d.participation_id
  group by 1, 2, 3 having sum((up.n > 0)::int - (up.n - d.delta > 0)::int) <> 0 order by 1, 2, 3
  on conflict (consultation_id, dim, key) do update set n = cc.n + excluded.n;

  authors := array(select distinct c.participation_id from unnest(changed) c where c.participation_id is not null);
  perform sync_participant_groups(authors);
  delete from participant_counts p where p.n = 0 and p.participation_id = any(authors);

  -- An answered input that is hidden, withdrawn or published again. (A new input has no answer yet; a
  -- deleted one's answer is taken off before it goes, by count_deleted_input_answer.)
  if tg_op = 'UPDATE' then
    insert into consultation_counts as cc (consultation_id, dim, key, n)
    select a.consultation_id, k.dim, k.key, sum((a.status = 'published')::int - (o.status = 'published')::int)::int
    from unnest(before_rows) o join unnest(after_rows) a on a.id = o.id
      join responses r on r.input_id = a.id
      cross join lateral (values ('answered', ''), ('decision', r.decision)) as k(dim, key)
    where (a.status = 'published') <> (o.status = 'published') and a.consultation_id in (select id from consultations)
    group by 1, 2, 3 having sum((a.status = 'published')::int - (o.status = 'published')::int) <> 0 order by 1, 2, 3
    on conflict (consultation_id, dim, key) do update set n = cc.n + excluded.n;
  end if;
  return null;
end $$;

create trigger inputs_counted_insert after insert on inputs referencing new table as new_rows
  for each statement execute function count_inputs();
create trigger inputs_counted_update after update on inputs referencing old table as old_rows new table as new_rows
  for each statement execute function count_inputs();
create trigger inputs_counted_delete after delete on inputs referencing old table as old_rows
  for each statement execute function count_inputs();

-- A deleted input's answer goes with it in a cascade, after the row: its counts are taken off first.
create function count_deleted_input_answer() returns trigger language plpgsql as $$
begin
  -- (Not when the whole consultation is being deleted: its counts go with it.)
  if old.status = 'published' and exists (select 1 from consultations where id = old.consultation_id) then
    perform lock_consultation_counts(array[old.consultation_id]);
    update consultation_counts cc set n = cc.n - 1
    from responses r cross join lateral (values ('answered', ''), ('decision', r.decision)) as k(dim, key)
    where r.input_id = old.id and cc.consultation_id = old.consultation_id and cc.dim = k.dim and cc.key = k.key;
  end if;
  return old;
end $$;

create trigger inputs_answer_uncounted before delete on inputs
  for each row execute function count_deleted_input_answer();

create function count_responses() returns trigger language plpgsql as $$
declare
  before_rows responses[];
  after_rows responses[];
begin
  if tg_op in ('UPDATE', 'DELETE') then select array_agg(o) into before_rows from old_rows o; end if;
  if tg_op in ('INSERT', 'UPDATE') then select array_agg(a) into after_rows from new_rows a; end if;
  perform lock_consultation_counts(array(select c.consultation_id from unnest(coalesce(before_rows, '{}') || coalesce(after_rows, '{}')) c));
  insert into consultation_counts as cc (consultation_id, dim, key, n)
  select r.consultation_id, k.dim, k.key, sum(r.sign)::int
  from (select o.*, -1 as sign from unnest(before_rows) o union all select a.*, 1 from unnest(after_rows) a) r
    join inputs i on i.id = r.input_id and i.status = 'published'
    cross join lateral (values ('answered', ''), ('decision', r.decision)) as k(dim, key)
  where r.consultation_id in (select id from consultations)
  group by 1, 2, 3 having sum(r.sign) <> 0 order by 1, 2, 3
  on conflict (consultation_id, dim, key) do update set n = cc.n + excluded.n;
  return null;
end $$;

create trigger responses_counted_insert after insert on responses referencing new table as new_rows
  for each statement execute function count_responses();
create trigger responses_counted_update after update on responses referencing old table as old_rows new table as new_rows
  for each statement execute function count_responses();
create trigger responses_counted_delete after delete on responses referencing old table as old_rows
  for each statement execute function count_responses();

-- A participant who says they belong to a group, or no longer does, after publishing.
create function count_participation_groups() returns trigger language plpgsql as $$
declare
  before_rows participation_groups[];
  after_rows participation_groups[];
  ids uuid[];
begin
  if tg_op in ('UPDATE', 'DELETE') then select array_agg(o) into before_rows from old_rows o; end if;
  if tg_op in ('INSERT', 'UPDATE') then select array_agg(a) into after_rows from new_rows a; end if;
  ids := array(select distinct c.participation_id from unnest(coalesce(before_rows, '{}') || coalesce(after_rows, '{}')) c);
  perform lock_consultation_counts(array(select p.consultation_id from participant_counts p where p.participation_id = any(ids)));
  perform sync_participant_groups(ids);
  return null;
end $$;

create trigger participation_groups_counted_insert after insert on participation_groups referencing new table as new_rows
  for each statement execute function count_participation_groups();
create trigger participation_groups_counted_update after update on participation_groups referencing old table as old_rows new table as new_rows
  for each statement execute function count_participation_groups();
create trigger participation_groups_counted_delete after delete on participation_groups referencing old table as old_rows
  for each statement execute function count_participation_groups();

-- The counts of what is already there, one consultation at a time.
insert into participant_counts (participation_id, consultation_id, n, groups)
select d.participation_id, d.consultation_id, sum(d.delta)::int,
  array(select pg.target_group_id from participation_groups pg where pg.participation_id = d.participation_id order by 1)
from consultations c, lateral participant_count_deltas((select array_agg(i) from inputs i where i.consultation_id = c.id), 1) d
group by 1, 2;

insert into consultation_counts (consultation_id, dim, key, n)
select d.consultation_id, d.dim, d.key, sum(d.n)::int
from consultations c, lateral input_count_deltas((select array_agg(i) from inputs i where i.consultation_id = c.id), 1) d
group by 1, 2, 3 having sum(d.n) <> 0;

insert into consultation_counts (consultation_id, dim, key, n)
select consultation_id, dim, key, count(*)::int from (
  select p.consultation_id, 'participants' as dim, '' as key from participant_counts p
  union all
  select p.consultation_id, 'group', g::text from participant_counts p, unnest(p.groups) as g
  union all
  select r.consultation_id, k.dim, k.key from responses r join inputs i on i.id = r.input_id and i.status = 'published'
    cross join lateral (values ('answered', ''), ('decision', r.decision)) as k(dim, key)
) x group by 1, 2, 3;
