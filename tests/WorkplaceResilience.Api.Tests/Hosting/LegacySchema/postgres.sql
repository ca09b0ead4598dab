CREATE TABLE tenants (
    id uuid NOT NULL PRIMARY KEY,
    name text NOT NULL,
    minimum_group_size integer NOT NULL DEFAULT 10 CHECK (minimum_group_size >= 5),
    created_at timestamptz NOT NULL
);

CREATE TABLE employees (
    tenant_id uuid NOT NULL REFERENCES tenants (id),
    id uuid NOT NULL,
    department text NOT NULL,
    time_zone text NOT NULL,
    work_start time NOT NULL,
    work_end time NOT NULL,
    work_days integer NOT NULL,
    is_active boolean NOT NULL,
    calendar_synced_at timestamptz NULL,
    next_calendar_sync_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX ix_employees_due ON employees (tenant_id, next_calendar_sync_at);

CREATE TABLE calendar_entries (
    tenant_id uuid NOT NULL,
    employee_id uuid NOT NULL,
    event_hash text NOT NULL,
    start timestamptz NOT NULL,
    "end" timestamptz NOT NULL,
    show_as integer NOT NULL,
    is_all_day boolean NOT NULL,
    is_cancelled boolean NOT NULL,
    response integer NOT NULL,
    PRIMARY KEY (tenant_id, employee_id, event_hash),
    FOREIGN KEY (tenant_id, employee_id) REFERENCES employees (tenant_id, id)
);
CREATE INDEX ix_calendar_entries_window ON calendar_entries (tenant_id, employee_id, start);

CREATE TABLE break_offers (
    id uuid NOT NULL PRIMARY KEY,
    tenant_id uuid NOT NULL,
    employee_id uuid NOT NULL,
    start timestamptz NOT NULL,
    length_minutes integer NOT NULL,
    reason integer NOT NULL,
    practice_id text NOT NULL,
    status integer NOT NULL,
    created_at timestamptz NOT NULL,
    delivered_at timestamptz NULL,
    responded_at timestamptz NULL,
    FOREIGN KEY (tenant_id, employee_id) REFERENCES employees (tenant_id, id)
);
CREATE UNIQUE INDEX ux_break_offers_moment ON break_offers (tenant_id, employee_id, start);
CREATE INDEX ix_break_offers_due ON break_offers (status, start);

CREATE TABLE practice_sessions (
    id uuid NOT NULL PRIMARY KEY,
    tenant_id uuid NOT NULL,
    employee_id uuid NOT NULL,
    offer_id uuid NULL,
    practice_id text NOT NULL,
    length_minutes integer NOT NULL,
    completed_at timestamptz NOT NULL,
    before_self_kindness integer NULL,
    before_self_criticism integer NULL,
    before_tension integer NULL,
    after_self_kindness integer NULL,
    after_self_criticism integer NULL,
    after_tension integer NULL,
    felt_worse boolean NOT NULL,
    FOREIGN KEY (tenant_id, employee_id) REFERENCES employees (tenant_id, id)
);
CREATE UNIQUE INDEX ux_practice_sessions_offer ON practice_sessions (offer_id) WHERE offer_id IS NOT NULL;
CREATE INDEX ix_practice_sessions_employee ON practice_sessions (tenant_id, employee_id, completed_at);
