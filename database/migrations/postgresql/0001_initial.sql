-- DatumSync catalog, PostgreSQL. Every tenant-owned row carries tenant_id; a single default tenant exists until
-- accounts land.

CREATE TABLE tenants (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL
);
INSERT INTO tenants (id, name, created_at) VALUES ('00000000-0000-0000-0000-000000000001', 'default', '1970-01-01T00:00:00Z');

CREATE TABLE users (
    id           uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    email        text NOT NULL,
    display_name text,
    created_at   timestamptz NOT NULL,
    UNIQUE (tenant_id, email)
);

CREATE TABLE datasets (
    id           uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    name         text NOT NULL,
    sha256       text NOT NULL,
    size_bytes   bigint NOT NULL,
    format       text,
    storage_key  text NOT NULL,
    schema_json  text,
    created_at   timestamptz NOT NULL,
    UNIQUE (tenant_id, sha256)
);
CREATE INDEX datasets_by_tenant_created ON datasets (tenant_id, created_at DESC);

-- state: queued | running | retry_wait | succeeded | failed | cancelled.
-- dataset_ids: comma-separated input dataset ids in order (jobs keep their history when a dataset row is deleted).
CREATE TABLE jobs (
    seq              bigserial PRIMARY KEY,
    id               uuid NOT NULL UNIQUE,
    tenant_id        uuid NOT NULL REFERENCES tenants (id),
    module           text NOT NULL,
    dataset_ids      text NOT NULL,
    options_json     text NOT NULL,
    state            text NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    max_attempts     integer NOT NULL,
    progress         double precision,
    stage            text,
    error            text,
    report_json      text,
    created_at       timestamptz NOT NULL,
    started_at       timestamptz,
    finished_at      timestamptz,
    run_after        timestamptz NOT NULL,
    cancel_requested boolean NOT NULL DEFAULT false,
    lease_token      uuid,
    lease_expires_at timestamptz,
    worker_id        text
);
-- Claiming walks runnable jobs tenant by tenant, oldest first; rescue looks at running jobs by lease expiry.
CREATE INDEX jobs_runnable ON jobs (tenant_id, run_after, seq) WHERE state IN ('queued', 'retry_wait');
CREATE INDEX jobs_running_lease ON jobs (lease_expires_at) WHERE state = 'running';
CREATE INDEX jobs_by_tenant_created ON jobs (tenant_id, created_at DESC, seq DESC);

CREATE TABLE job_outputs (
    job_id       uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    tenant_id    uuid NOT NULL REFERENCES tenants (id),
    name         text NOT NULL,
    storage_key  text NOT NULL,
    content_type text NOT NULL,
    size_bytes   bigint NOT NULL,
    PRIMARY KEY (job_id, name)
);

CREATE TABLE audit_events (
    id          bigserial PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id),
    action      text NOT NULL,
    subject     text NOT NULL,
    detail_json text,
    at          timestamptz NOT NULL
);
CREATE INDEX audit_events_by_tenant_at ON audit_events (tenant_id, at DESC);
