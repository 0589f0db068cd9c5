-- HealthCare Solutions: appointments from request to cancellation, the seat count of every clinic slot, the sync
-- status per system of record, and the patient notifications recorded. Every table carries tenant_id, and every
-- lookup filters by it. Status and kind columns hold Java enum names; the checks keep a typo out of the data.
-- This is health information: patient columns are read only through the plugin's tenant-scoped views.

-- One row per (tenant, request id): the key that makes a request sent twice under different message ids a no-op.
-- version starts at 1 and grows with every change; a declined request keeps whatever patient data it had.
-- The clinic's name, address and time zone are copied at booking; a cancelled appointment keeps its last slot.
create table healthcare_appointment (
    id                     bigint generated always as identity primary key,
    tenant_id              text not null references tenant (id),
    appointment_id         text not null,
    request_id             text not null,
    version                integer not null check (version >= 1),
    status                 text not null check (status in ('BOOKED', 'DECLINED', 'CANCELLED', 'RESCHEDULED')),
    patient_id             text,
    patient_name           text,
    patient_email          text,
    patient_phone          text,
    patient_date_of_birth  date,
    reason                 text check (length(reason) <= 500),
    clinic_id              text,
    clinic_name            text,
    clinic_address         text,
    clinic_time_zone       text,
    starts_at              timestamptz,
    ends_at                timestamptz,
    decline_reason         text,
    change_rejection       text,
    change_rejected_at     timestamptz,
    received_at            timestamptz not null,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    unique (tenant_id, appointment_id),
    unique (tenant_id, request_id),
    check (status <> 'DECLINED' or (decline_reason is not null and version = 1)),
    check (status = 'DECLINED' or (patient_id is not null and clinic_id is not null and clinic_name is not null
                                   and clinic_address is not null and clinic_time_zone is not null
                                   and starts_at is not null and ends_at > starts_at))
);
-- Operations list a tenant's appointments by clinic and time (a day's schedule).
create index healthcare_appointment_by_clinic on healthcare_appointment (tenant_id, clinic_id, starts_at);

-- The seats of one clinic slot: the only guard against overbooking. Booking inserts the row if missing, then
-- takes a seat with "update ... set booked = booked + 1 ... where booked < capacity" and checks the row count.
-- capacity is the clinic's at the last booking. No foreign key to clinics: they live in the tenant's settings.
create table healthcare_slot (
    tenant_id  text not null references tenant (id),
    clinic_id  text not null,
    starts_at  timestamptz not null,
    booked     integer not null check (booked >= 0),
    capacity   integer not null check (capacity >= 1),
    primary key (tenant_id, clinic_id, starts_at),
    check (booked <= capacity)
);

-- One row per (appointment version, system of record). RETRYING rows have their next attempt scheduled;
-- last_error names the HTTP status or exception, never a response body.
create table healthcare_sync_status (
    tenant_id        text not null references tenant (id),
    appointment_id   text not null,
    version          integer not null check (version >= 1),
    system_name      text not null,
    status           text not null check (status in ('SYNCED', 'RETRYING', 'FAILED', 'SUPERSEDED')),
    attempts         integer not null check (attempts >= 0),
    last_error       text,
    next_attempt_at  timestamptz,
    updated_at       timestamptz not null,
    primary key (tenant_id, appointment_id, version, system_name),
    foreign key (tenant_id, appointment_id) references healthcare_appointment (tenant_id, appointment_id),
    check ((status = 'RETRYING') = (next_attempt_at is not null))
);

-- One per (appointment, version, channel, kind): an announcement redelivered notifies the patient once.
create table healthcare_notification (
    id              bigint generated always as identity primary key,
    tenant_id       text not null references tenant (id),
    appointment_id  text not null,
    version         integer not null check (version >= 1),
    channel         text not null check (channel in ('EMAIL', 'SMS')),
    kind            text not null check (kind in ('BOOKED', 'DECLINED', 'CANCELLED', 'RESCHEDULED', 'REMINDER')),
    recipient       text not null,
    message         text not null,
    created_at      timestamptz not null,
    unique (tenant_id, appointment_id, version, channel, kind),
    foreign key (tenant_id, appointment_id) references healthcare_appointment (tenant_id, appointment_id)
);
