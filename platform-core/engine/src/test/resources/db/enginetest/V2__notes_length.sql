alter table engine_test_effect add column notes_length integer not null default 0;
