-- Issue #9: a question's choices ("choice.0", "choice.1"...) and every text of a published dossier by its
-- dotted path ("system.doesNot", "testing.0.method") are translated field by field, like the rest.
alter table translations drop constraint translations_field_check;
alter table translations add constraint translations_field_check check (field ~ '^[a-z][A-Za-z0-9_.]{0,99}$');
alter table translation_jobs add constraint translation_jobs_field_check check (field ~ '^[a-z][A-Za-z0-9_.]{0,99}$');
