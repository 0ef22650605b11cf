using System.Data.Common;
using DatumSync.Platform.Catalog;
using DatumSync.Platform.Queue;
using DatumSync.Platform.Tests.Support;

namespace DatumSync.Platform.Tests.Catalog;

/// <summary>
/// What every catalog provider must do, run against each (SQLite, PostgreSQL) by a subclass. Each test gets a fresh
/// database and a manual clock, so leases and backoff are driven without waiting.
/// </summary>
public abstract class CatalogComplianceTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly List<SqlCatalog> _opened = [];

    protected ManualClock Clock { get; } = new();

    protected SqlCatalog Catalog { get; private set; } = null!;

    protected IJobQueue Queue => Catalog.Queue;

    /// <summary>Creates an empty database for this test.</summary>
    protected abstract Task CreateDatabaseAsync();

    /// <summary>Opens a (further) catalog instance on this test's database, unmigrated.</summary>
    protected abstract SqlCatalog Open(TimeProvider clock);

    /// <summary>Removes this test's database.</summary>
    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        Catalog = await OpenMigratedAsync();
    }

    protected async Task<SqlCatalog> OpenMigratedAsync()
    {
        var catalog = Open(Clock);
        _opened.Add(catalog);
        await catalog.MigrateAsync();
        return catalog;
    }

    public async Task DisposeAsync()
    {
        foreach (var catalog in _opened)
            await catalog.DisposeAsync();
        await DropDatabaseAsync();
    }

    private static Dataset NewDataset(Guid tenant, string name, string sha, DateTimeOffset at) =>
        new(Guid.NewGuid(), tenant, name, sha, 100, "csv", "uploads/" + sha[..2] + "/" + sha[2..4] + "/" + sha, null, at);

    private static string Sha(int i) => i.ToString("x64");

    private Task<Job> EnqueueAsync(string module = "noop", Guid? tenant = null, int maxAttempts = 3, params Guid[] datasets) =>
        Catalog.EnqueueAsync(new NewJob(tenant ?? Tenants.Default, module, datasets, "{}", maxAttempts));

    private async Task<JobLease> ClaimAsync(string worker = "w1")
    {
        var lease = await Queue.TryClaimAsync(worker, Lease);
        lease.Should().NotBeNull("a runnable job is waiting");
        return lease!;
    }

    private async Task<Job> ReloadAsync(Job job) => (await Catalog.GetJobAsync(job.TenantId, job.Id))!;

    // --- Migrations ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Migrations_run_once_and_a_second_run_applies_nothing()
    {
        var applied = await Catalog.ListAppliedMigrationsAsync();
        applied.Select(a => a.Name).Should().Equal(SqlCatalog.LoadMigrations(Catalog.Provider).Select(m => m.Name));
        applied.Should().Contain(a => a.Name == "0001_initial");
        (await Catalog.MigrateAsync()).Should().BeEmpty();
        var second = await OpenMigratedAsync();
        (await second.ListAppliedMigrationsAsync()).Should().HaveCount(applied.Count);
        (await Catalog.PingAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task Migrating_refuses_a_database_whose_applied_script_was_edited()
    {
        await ExecuteAsync("UPDATE schema_migrations SET checksum = 'edited' WHERE name = '0001_initial'");
        var act = () => Catalog.MigrateAsync();
        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*0001_initial*checksum*");
    }

    /// <summary>Runs raw SQL on this test's database.</summary>
    protected abstract Task ExecuteAsync(string sql);

    // --- Datasets -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Datasets_are_added_found_by_hash_listed_newest_first_and_deleted()
    {
        var t0 = Clock.GetUtcNow();
        var first = NewDataset(Tenants.Default, "a.csv", Sha(1), t0);
        var second = NewDataset(Tenants.Default, "b.csv", Sha(2), t0.AddSeconds(1));
        (await Catalog.AddDatasetAsync(first)).Created.Should().BeTrue();
        (await Catalog.AddDatasetAsync(second)).Created.Should().BeTrue();

        var got = await Catalog.GetDatasetAsync(Tenants.Default, first.Id);
        got.Should().BeEquivalentTo(first);
        (await Catalog.FindDatasetByHashAsync(Tenants.Default, Sha(2)))!.Id.Should().Be(second.Id);
        (await Catalog.ListDatasetsAsync(Tenants.Default, 0, 10)).Select(d => d.Name).Should().Equal("b.csv", "a.csv");
        (await Catalog.ListDatasetsAsync(Tenants.Default, 1, 10)).Select(d => d.Name).Should().Equal("a.csv");
        (await Catalog.ListDatasetsAsync(Tenants.Default, 0, 1)).Select(d => d.Name).Should().Equal("b.csv");

        (await Catalog.DeleteDatasetAsync(Tenants.Default, first.Id)).Should().BeTrue();
        (await Catalog.DeleteDatasetAsync(Tenants.Default, first.Id)).Should().BeFalse();
        (await Catalog.GetDatasetAsync(Tenants.Default, first.Id)).Should().BeNull();
    }

    [Fact]
    public async Task Adding_the_same_content_twice_returns_the_existing_dataset()
    {
        var original = NewDataset(Tenants.Default, "a.csv", Sha(7), Clock.GetUtcNow());
        await Catalog.AddDatasetAsync(original);
        var (again, created) = await Catalog.AddDatasetAsync(NewDataset(Tenants.Default, "renamed.csv", Sha(7), Clock.GetUtcNow()));
        created.Should().BeFalse();
        again.Id.Should().Be(original.Id);
        again.Name.Should().Be("a.csv");
        (await Catalog.ListDatasetsAsync(Tenants.Default, 0, 10)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_tenant_never_sees_another_tenants_datasets_or_jobs()
    {
        var other = Guid.NewGuid();
        await Catalog.AddTenantAsync(other, "other");
        var mine = NewDataset(Tenants.Default, "mine.csv", Sha(1), Clock.GetUtcNow());
        await Catalog.AddDatasetAsync(mine);
        // The same content uploaded by another tenant is that tenant's own dataset.
        var (theirs, created) = await Catalog.AddDatasetAsync(NewDataset(other, "theirs.csv", Sha(1), Clock.GetUtcNow()));
        created.Should().BeTrue();
        var job = await EnqueueAsync(tenant: other);

        (await Catalog.GetDatasetAsync(Tenants.Default, theirs.Id)).Should().BeNull();
        (await Catalog.ListDatasetsAsync(Tenants.Default, 0, 10)).Select(d => d.Id).Should().Equal(mine.Id);
        (await Catalog.DeleteDatasetAsync(Tenants.Default, theirs.Id)).Should().BeFalse();
        (await Catalog.GetJobAsync(Tenants.Default, job.Id)).Should().BeNull();
        (await Catalog.ListJobsAsync(new JobQuery(Tenants.Default))).Should().BeEmpty();
        (await Catalog.CancelAsync(Tenants.Default, job.Id)).Should().BeNull();
        (await Catalog.GetJobAsync(other, job.Id))!.State.Should().Be(JobState.Queued);
    }

    // --- Jobs -----------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Jobs_are_listed_newest_first_and_filtered_by_state_module_and_dataset()
    {
        var dataset = Guid.NewGuid();
        var a = await EnqueueAsync("inspect", datasets: dataset);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var b = await EnqueueAsync("convert");
        Clock.Advance(TimeSpan.FromSeconds(1));
        var c = await EnqueueAsync("inspect", datasets: [Guid.NewGuid(), dataset]);
        await Catalog.CancelAsync(Tenants.Default, b.Id);

        (await Catalog.ListJobsAsync(new JobQuery(Tenants.Default))).Select(j => j.Id).Should().Equal(c.Id, b.Id, a.Id);
        (await Catalog.ListJobsAsync(new JobQuery(Tenants.Default, Module: "inspect"))).Select(j => j.Id).Should().Equal(c.Id, a.Id);
        (await Catalog.ListJobsAsync(new JobQuery(Tenants.Default, State: JobState.Cancelled))).Select(j => j.Id).Should().Equal(b.Id);
        (await Catalog.ListJobsAsync(new JobQuery(Tenants.Default, DatasetId: dataset))).Select(j => j.Id).Should().Equal(c.Id, a.Id);
        (await Catalog.ListJobsAsync(new JobQuery(Tenants.Default, Skip: 1, Limit: 1))).Select(j => j.Id).Should().Equal(b.Id);

        var stored = await ReloadAsync(c);
        stored.DatasetIds.Should().HaveCount(2).And.EndWith(dataset);
        stored.Module.Should().Be("inspect");
        stored.OptionsJson.Should().Be("{}");
        stored.State.Should().Be(JobState.Queued);
        stored.Attempts.Should().Be(0);
        stored.MaxAttempts.Should().Be(3);
        stored.CreatedAt.Should().Be(c.CreatedAt);
    }

    [Fact]
    public async Task Claims_take_the_oldest_job_first_and_return_null_when_none_is_runnable()
    {
        var first = await EnqueueAsync();
        Clock.Advance(TimeSpan.FromMilliseconds(5));
        var second = await EnqueueAsync();
        var lease1 = await ClaimAsync();
        var lease2 = await ClaimAsync();
        lease1.Job.Id.Should().Be(first.Id);
        lease2.Job.Id.Should().Be(second.Id);
        lease1.Attempt.Should().Be(1);
        lease1.Job.State.Should().Be(JobState.Running);
        lease1.ExpiresAt.Should().Be(Clock.GetUtcNow() + Lease);
        lease1.Token.Should().NotBe(lease2.Token);
        (await Queue.TryClaimAsync("w1", Lease)).Should().BeNull();
        (await ReloadAsync(first)).StartedAt.Should().Be(Clock.GetUtcNow());
    }

    [Fact]
    public async Task Claims_rotate_across_tenants_so_a_busy_tenant_cannot_starve_a_quiet_one()
    {
        var busy = Guid.NewGuid();
        var quiet = Guid.NewGuid();
        await Catalog.AddTenantAsync(busy, "busy");
        await Catalog.AddTenantAsync(quiet, "quiet");
        for (var i = 0; i < 5; i++)
            await EnqueueAsync(tenant: busy);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await EnqueueAsync(tenant: quiet);

        var tenants = new List<Guid>();
        for (var i = 0; i < 2; i++)
            tenants.Add((await ClaimAsync("w1")).Job.TenantId);
        tenants.Should().BeEquivalentTo([busy, quiet], "the quiet tenant's one job is claimed in the first round although it is the newest");
    }

    [Fact]
    public async Task Many_parallel_claimers_claim_every_job_exactly_once()
    {
        const int jobs = 200;
        for (var i = 0; i < jobs; i++)
            await EnqueueAsync();
        var claimers = new List<SqlCatalog> { Catalog, await OpenMigratedAsync(), await OpenMigratedAsync() };
        var claimed = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var queue = claimers[w % claimers.Count].Queue;
            while (await queue.TryClaimAsync($"w{w}", Lease) is { } lease)
            {
                claimed.Add(lease.Job.Id);
                (await queue.CompleteAsync(lease, "{}", [])).Should().BeTrue();
            }
        })));
        claimed.Should().HaveCount(jobs).And.OnlyHaveUniqueItems();
        var all = await Catalog.ListJobsAsync(new JobQuery(Tenants.Default, Limit: 1000));
        all.Should().HaveCount(jobs).And.OnlyContain(j => j.State == JobState.Succeeded && j.Attempts == 1);
    }

    [Fact]
    public async Task Completing_and_claiming_in_one_call_hands_over_the_next_job_without_orphaning_any()
    {
        var first = await EnqueueAsync();
        Clock.Advance(TimeSpan.FromMilliseconds(5));
        var second = await EnqueueAsync();
        var lease = await ClaimAsync();
        lease.Job.Id.Should().Be(first.Id);

        var (completed, next) = await Queue.CompleteAndClaimAsync(lease, """{"n":1}""", [], "w1", Lease);
        completed.Should().BeTrue();
        next.Should().NotBeNull();
        next!.Job.Id.Should().Be(second.Id);
        next.Attempt.Should().Be(1);
        (await ReloadAsync(first)).State.Should().Be(JobState.Succeeded);

        var (completedAgain, none) = await Queue.CompleteAndClaimAsync(next, "{}", [], "w1", Lease);
        completedAgain.Should().BeTrue("the handed-over lease is the job's real lease");
        none.Should().BeNull();
        (await Catalog.ListJobsAsync(new JobQuery(Tenants.Default))).Should().OnlyContain(j => j.State == JobState.Succeeded && j.Attempts == 1);

        var stale = await ClaimAsyncAfterRescueOf(await EnqueueAsync());
        var (rejected, _) = await Queue.CompleteAndClaimAsync(stale, "{}", [], "old", Lease);
        rejected.Should().BeFalse("fencing holds for the combined call too");
    }

    /// <summary>Claims <paramref name="job"/>, lets the lease expire and be rescued and reclaimed; returns the stale lease.</summary>
    private async Task<JobLease> ClaimAsyncAfterRescueOf(Job job)
    {
        var stale = await ClaimAsync("old");
        stale.Job.Id.Should().Be(job.Id);
        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        await Queue.RescueExpiredAsync();
        (await ClaimAsync("new")).Job.Id.Should().Be(job.Id);
        return stale;
    }

    // --- Leases, heartbeats, fencing, rescue -----------------------------------------------------------------------

    [Fact]
    public async Task A_heartbeat_renews_the_lease_and_records_progress()
    {
        var job = await EnqueueAsync();
        var lease = await ClaimAsync();
        Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        (await Queue.HeartbeatAsync(lease, Lease, 0.5, "reading")).Should().Be(LeaseStatus.Held);
        Clock.Advance(TimeSpan.FromSeconds(10));
        (await Queue.RescueExpiredAsync()).Should().Be(0, "the heartbeat moved the expiry on");
        var running = await ReloadAsync(job);
        running.State.Should().Be(JobState.Running);
        running.Progress.Should().Be(0.5);
        running.Stage.Should().Be("reading");
        Clock.Advance(Lease);
        (await Queue.RescueExpiredAsync()).Should().Be(1);
    }

    [Fact]
    public async Task An_expired_lease_is_rescued_back_to_the_queue_and_fails_when_attempts_are_spent()
    {
        var job = await EnqueueAsync(maxAttempts: 2);
        await ClaimAsync();
        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        (await Queue.RescueExpiredAsync()).Should().Be(1);
        var queued = await ReloadAsync(job);
        queued.State.Should().Be(JobState.Queued);
        queued.Error.Should().Contain("attempt 1").And.Contain("lease expired");

        var second = await ClaimAsync("w2");
        second.Attempt.Should().Be(2);
        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        (await Queue.RescueExpiredAsync()).Should().Be(1);
        var failed = await ReloadAsync(job);
        failed.State.Should().Be(JobState.Failed);
        failed.FinishedAt.Should().Be(Clock.GetUtcNow());
        (await Queue.TryClaimAsync("w3", Lease)).Should().BeNull();
    }

    [Fact]
    public async Task A_rescued_attempts_old_worker_cannot_complete_fail_heartbeat_or_cancel_it()
    {
        var job = await EnqueueAsync();
        var stale = await ClaimAsync("old");
        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        await Queue.RescueExpiredAsync();
        var fresh = await ClaimAsync("new");
        fresh.Token.Should().NotBe(stale.Token);

        (await Queue.HeartbeatAsync(stale, Lease, 0.9, "late")).Should().Be(LeaseStatus.Lost);
        (await Queue.CompleteAsync(stale, """{"from":"old"}""", [new JobOutput(job.Id, "x.txt", "jobs/x/old/x.txt", "text/plain", 1)])).Should().BeFalse();
        (await Queue.FailAsync(stale, "late failure", permanent: true, Clock.GetUtcNow())).Should().BeFalse();
        (await Queue.CancelledAsync(stale)).Should().BeFalse();
        (await Catalog.ListOutputsAsync(Tenants.Default, job.Id)).Should().BeEmpty();
        (await ReloadAsync(job)).State.Should().Be(JobState.Running);

        (await Queue.CompleteAsync(fresh, """{"from":"new"}""", [])).Should().BeTrue();
        var done = await ReloadAsync(job);
        done.State.Should().Be(JobState.Succeeded);
        done.ReportJson.Should().Be("""{"from":"new"}""");
        done.Attempts.Should().Be(2);
        (await Queue.CompleteAsync(fresh, "{}", [])).Should().BeFalse("an attempt completes once");
    }

    // --- Failures and retries ---------------------------------------------------------------------------------------

    [Fact]
    public async Task A_failed_attempt_waits_until_its_retry_time_and_the_last_attempt_fails_for_good()
    {
        var job = await EnqueueAsync(maxAttempts: 2);
        var first = await ClaimAsync();
        (await Queue.FailAsync(first, "boom", permanent: false, Clock.GetUtcNow().AddSeconds(10))).Should().BeTrue();
        var waiting = await ReloadAsync(job);
        waiting.State.Should().Be(JobState.RetryWait);
        waiting.Error.Should().Be("boom");
        waiting.RunAfter.Should().Be(Clock.GetUtcNow().AddSeconds(10));
        waiting.FinishedAt.Should().BeNull();

        Clock.Advance(TimeSpan.FromSeconds(9));
        (await Queue.TryClaimAsync("w1", Lease)).Should().BeNull("the backoff has not elapsed");
        Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await ClaimAsync();
        second.Attempt.Should().Be(2);
        (await Queue.FailAsync(second, "boom again", permanent: false, Clock.GetUtcNow().AddSeconds(10))).Should().BeTrue();
        var failed = await ReloadAsync(job);
        failed.State.Should().Be(JobState.Failed);
        failed.Error.Should().Be("boom again");
        failed.FinishedAt.Should().Be(Clock.GetUtcNow());
    }

    [Fact]
    public async Task A_permanent_failure_fails_at_once_without_retries()
    {
        var job = await EnqueueAsync(maxAttempts: 5);
        var lease = await ClaimAsync();
        (await Queue.FailAsync(lease, "a.csv: line 3, column 'x': expected an integer", permanent: true, Clock.GetUtcNow().AddSeconds(10))).Should().BeTrue();
        var failed = await ReloadAsync(job);
        failed.State.Should().Be(JobState.Failed);
        failed.Attempts.Should().Be(1);
        failed.Error.Should().Contain("line 3");
        Clock.Advance(TimeSpan.FromMinutes(1));
        (await Queue.TryClaimAsync("w1", Lease)).Should().BeNull();
    }

    [Fact]
    public async Task Retrying_a_failed_job_queues_it_with_a_fresh_attempt_budget_but_a_succeeded_job_cannot_be_retried()
    {
        var job = await EnqueueAsync(maxAttempts: 1);
        await Queue.FailAsync(await ClaimAsync(), "boom", permanent: false, Clock.GetUtcNow());
        var retried = await Catalog.RetryAsync(Tenants.Default, job.Id);
        retried!.State.Should().Be(JobState.Queued);
        retried.Attempts.Should().Be(0);
        retried.Error.Should().BeNull();
        var lease = await ClaimAsync();
        lease.Attempt.Should().Be(1);
        await Queue.CompleteAsync(lease, "{}", []);
        (await Catalog.RetryAsync(Tenants.Default, job.Id)).Should().BeNull();
        (await Catalog.RetryAsync(Tenants.Default, Guid.NewGuid())).Should().BeNull();
    }

    // --- Cancellation -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Cancelling_a_queued_job_cancels_it_at_once()
    {
        var job = await EnqueueAsync();
        var cancelled = await Catalog.CancelAsync(Tenants.Default, job.Id);
        cancelled!.State.Should().Be(JobState.Cancelled);
        cancelled.FinishedAt.Should().NotBeNull();
        (await Queue.TryClaimAsync("w1", Lease)).Should().BeNull();
        (await Catalog.CancelAsync(Tenants.Default, Guid.NewGuid())).Should().BeNull();
    }

    [Fact]
    public async Task Cancelling_a_running_job_asks_its_worker_to_stop_at_the_next_heartbeat()
    {
        var job = await EnqueueAsync();
        var lease = await ClaimAsync();
        var requested = await Catalog.CancelAsync(Tenants.Default, job.Id);
        requested!.State.Should().Be(JobState.Running);
        requested.CancelRequested.Should().BeTrue();
        (await Queue.HeartbeatAsync(lease, Lease, null, null)).Should().Be(LeaseStatus.CancelRequested);
        (await Queue.CancelledAsync(lease)).Should().BeTrue();
        var cancelled = await ReloadAsync(job);
        cancelled.State.Should().Be(JobState.Cancelled);
        (await Catalog.RetryAsync(Tenants.Default, job.Id))!.State.Should().Be(JobState.Queued);
    }

    [Fact]
    public async Task A_cancel_requested_job_whose_worker_died_is_rescued_as_cancelled()
    {
        var job = await EnqueueAsync();
        await ClaimAsync();
        await Catalog.CancelAsync(Tenants.Default, job.Id);
        Clock.Advance(Lease + TimeSpan.FromSeconds(1));
        (await Queue.RescueExpiredAsync()).Should().Be(1);
        (await ReloadAsync(job)).State.Should().Be(JobState.Cancelled);
    }

    // --- Outputs and audit ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Outputs_become_visible_only_with_the_completion_that_commits_them()
    {
        var job = await EnqueueAsync();
        var lease = await ClaimAsync();
        (await Catalog.ListOutputsAsync(Tenants.Default, job.Id)).Should().BeEmpty();
        var outputs = new[]
        {
            new JobOutput(job.Id, "out.parquet", $"jobs/{job.Id:N}/{lease.Token:N}/out.parquet", "application/vnd.apache.parquet", 1234),
            new JobOutput(job.Id, "report.json", $"jobs/{job.Id:N}/{lease.Token:N}/report.json", "application/json", 56),
        };
        (await Queue.CompleteAsync(lease, """{"rows":3}""", outputs)).Should().BeTrue();
        (await Catalog.ListOutputsAsync(Tenants.Default, job.Id)).Should().Equal(outputs);
        (await Catalog.ListOutputsAsync(Guid.NewGuid(), job.Id)).Should().BeEmpty("outputs belong to the job's tenant");
        var done = await ReloadAsync(job);
        done.ReportJson.Should().Be("""{"rows":3}""");
        done.Progress.Should().Be(1);
    }

    [Fact]
    public async Task Audit_events_are_recorded_and_listed_newest_first()
    {
        var t = Clock.GetUtcNow();
        await Catalog.AddAuditEventAsync(new AuditEvent(Tenants.Default, "dataset.upload", "dataset/1", """{"bytes":10}""", t));
        await Catalog.AddAuditEventAsync(new AuditEvent(Tenants.Default, "job.cancel", "job/2", null, t.AddSeconds(1)));
        var events = await Catalog.ListAuditEventsAsync(Tenants.Default, 0, 10);
        events.Select(e => e.Action).Should().Equal("job.cancel", "dataset.upload");
        events[1].Should().Be(new AuditEvent(Tenants.Default, "dataset.upload", "dataset/1", """{"bytes":10}""", t));
    }

    [Fact]
    public async Task An_idle_worker_waiting_for_work_wakes_when_a_job_is_enqueued()
    {
        var listener = await OpenMigratedAsync();
        // Prime the listener (PostgreSQL LISTENs on first wait) so the enqueue below is not missed.
        await listener.Queue.WaitForWorkAsync(TimeSpan.FromMilliseconds(200));
        var wait = listener.Queue.WaitForWorkAsync(TimeSpan.FromMinutes(2));
        await Task.Delay(200);
        await WakeAsync(listener);
        (await Task.WhenAny(wait, Task.Delay(TimeSpan.FromSeconds(20)))).Should().BeSameAs(wait, "the enqueue wakes the waiting worker long before its poll interval");
    }

    /// <summary>Enqueues a job in a way that should wake <paramref name="listener"/>'s idle workers
    /// (SQLite: through the same instance; PostgreSQL: from another connection, through NOTIFY).</summary>
    protected abstract Task WakeAsync(SqlCatalog listener);

    protected static async Task ExecuteOnAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
