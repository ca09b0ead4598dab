CREATE TABLE tenants (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    minimum_group_size INTEGER NOT NULL DEFAULT 10,
    created_at INTEGER NOT NULL
);

CREATE TABLE employees (
    tenant_id TEXT NOT NULL REFERENCES tenants (id),
    id TEXT NOT NULL,
    department TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    work_start TEXT NOT NULL,
    work_end TEXT NOT NULL,
    work_days INTEGER NOT NULL,
    is_active INTEGER NOT NULL,
    calendar_synced_at INTEGER NULL,
    next_calendar_sync_at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX ix_employees_due ON employees (tenant_id, next_calendar_sync_at);

CREATE TABLE calendar_entries (
    tenant_id TEXT NOT NULL,
    employee_id TEXT NOT NULL,
    event_hash TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    show_as INTEGER NOT NULL,
    is_all_day INTEGER NOT NULL,
    is_cancelled INTEGER NOT NULL,
    response INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, employee_id, event_hash),
    FOREIGN KEY (tenant_id, employee_id) REFERENCES employees (tenant_id, id)
);
CREATE INDEX ix_calendar_entries_window ON calendar_entries (tenant_id, employee_id, start);

CREATE TABLE break_offers (
    id TEXT NOT NULL PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    employee_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    length_minutes INTEGER NOT NULL,
    reason INTEGER NOT NULL,
    practice_id TEXT NOT NULL,
    status INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    delivered_at INTEGER NULL,
    responded_at INTEGER NULL,
    FOREIGN KEY (tenant_id, employee_id) REFERENCES employees (tenant_id, id)
);
CREATE UNIQUE INDEX ux_break_offers_moment ON break_offers (tenant_id, employee_id, start);
CREATE INDEX ix_break_offers_due ON break_offers (status, start);

CREATE TABLE practice_sessions (
    id TEXT NOT NULL PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    employee_id TEXT NOT NULL,
    offer_id TEXT NULL,
    practice_id TEXT NOT NULL,
    length_minutes INTEGER NOT NULL,
    completed_at INTEGER NOT NULL,
    before_self_kindness INTEGER NULL,
    before_self_criticism INTEGER NULL,
    before_tension INTEGER NULL,
    after_self_kindness INTEGER NULL,
    after_self_criticism INTEGER NULL,
    after_tension INTEGER NULL,
    felt_worse INTEGER NOT NULL,
    FOREIGN KEY (tenant_id, employee_id) REFERENCES employees (tenant_id, id)
);
CREATE UNIQUE INDEX ux_practice_sessions_offer ON practice_sessions (offer_id) WHERE offer_id IS NOT NULL;
CREATE INDEX ix_practice_sessions_employee ON practice_sessions (tenant_id, employee_id, completed_at);
