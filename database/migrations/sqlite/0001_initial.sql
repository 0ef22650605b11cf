-- DatumSync catalog, SQLite. Times are UTC Unix milliseconds (INTEGER); ids are lower-case GUID text.
-- Every tenant-owned row carries tenant_id; a single default tenant exists until accounts land.

CREATE TABLE tenants (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
INSERT INTO tenants (id, name, created_at) VALUES ('00000000-0000-0000-0000-000000000001', 'default', 0);

CREATE TABLE users (
    id           TEXT PRIMARY KEY,
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    email        TEXT NOT NULL,
    display_name TEXT,
    created_at   INTEGER NOT NULL,
    UNIQUE (tenant_id, email)
);

CREATE TABLE datasets (
    id           TEXT PRIMARY KEY,
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    name         TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL,
    format       TEXT,
    storage_key  TEXT NOT NULL,
    schema_json  TEXT,
    created_at   INTEGER NOT NULL,
    UNIQUE (tenant_id, sha256)
);
CREATE INDEX datasets_by_tenant_created ON datasets (tenant_id, created_at DESC);

-- state: queued | running | retry_wait | succeeded | failed | cancelled.
-- dataset_ids: comma-separated input dataset ids in order (jobs keep their history when a dataset row is deleted).
CREATE TABLE jobs (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    id               TEXT NOT NULL UNIQUE,
    tenant_id        TEXT NOT NULL REFERENCES tenants (id),
    module           TEXT NOT NULL,
    dataset_ids      TEXT NOT NULL,
    options_json     TEXT NOT NULL,
    state            TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    max_attempts     INTEGER NOT NULL,
    progress         REAL,
    stage            TEXT,
    error            TEXT,
    report_json      TEXT,
    created_at       INTEGER NOT NULL,
    started_at       INTEGER,
    finished_at      INTEGER,
    run_after        INTEGER NOT NULL,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    lease_token      TEXT,
    lease_expires_at INTEGER,
    worker_id        TEXT
);
-- Claiming walks runnable jobs tenant by tenant, oldest first; rescue looks at running jobs by lease expiry.
CREATE INDEX jobs_runnable ON jobs (tenant_id, run_after, seq) WHERE state IN ('queued', 'retry_wait');
CREATE INDEX jobs_running_lease ON jobs (lease_expires_at) WHERE state = 'running';
CREATE INDEX jobs_by_tenant_created ON jobs (tenant_id, created_at DESC, seq DESC);

CREATE TABLE job_outputs (
    job_id       TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    name         TEXT NOT NULL,
    storage_key  TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL,
    PRIMARY KEY (job_id, name)
);

CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id   TEXT NOT NULL REFERENCES tenants (id),
    action      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    detail_json TEXT,
    at          INTEGER NOT NULL
);
CREATE INDEX audit_events_by_tenant_at ON audit_events (tenant_id, at DESC);
