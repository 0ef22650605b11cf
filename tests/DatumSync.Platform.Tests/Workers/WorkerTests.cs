using System.Text.Json;
using DatumSync.Platform.Catalog;
using DatumSync.Platform.Storage;
using DatumSync.Platform.Tests.Support;
using DatumSync.Platform.Workers;

namespace DatumSync.Platform.Tests.Workers;

/// <summary>The in-process worker pool on SQLite, running real modules over real files.</summary>
public sealed class WorkerTests
{
    private const string People = "id,name,score\n1,ann,9.5\n2,bob,7\n3,cy,8.25\n";

    [Fact]
    public async Task Inspect_and_convert_jobs_run_end_to_end_and_commit_their_outputs()
    {
        await using var h = await PlatformHarness.CreateAsync();
        var dataset = await h.UploadAsync("my people.csv", People);
        var inspect = await h.EnqueueAsync("inspect", """{"previewRows": 2}""", 3, dataset.Id);
        var convert = await h.EnqueueAsync("convert", """{"to": "parquet"}""", 3, dataset.Id);
        using var pool = h.CreatePool();
        await pool.StartAsync(CancellationToken.None);
        var inspected = await h.WaitForAsync(inspect.Id, PlatformHarness.IsFinal);
        var converted = await h.WaitForAsync(convert.Id, PlatformHarness.IsFinal);
        await pool.StopAsync(CancellationToken.None);

        inspected.State.Should().Be(JobState.Succeeded, inspected.Error);
        inspected.Attempts.Should().Be(1);
        inspected.ReportJson.Should().Contain("score").And.Contain("ann");
        (await h.Catalog.ListOutputsAsync(Tenants.Default, inspect.Id)).Should().BeEmpty();

        converted.State.Should().Be(JobState.Succeeded, converted.Error);
        var output = (await h.Catalog.ListOutputsAsync(Tenants.Default, convert.Id)).Should().ContainSingle().Subject;
        output.Name.Should().Be("my people.parquet");
        output.StorageKey.Should().StartWith($"jobs/{convert.Id:N}/").And.EndWith("/my_people.parquet");
        output.ContentType.Should().Be("application/vnd.apache.parquet");
        var bytes = await File.ReadAllBytesAsync(h.Store.TryGetLocalPath(output.StorageKey)!);
        bytes.Length.Should().Be((int)output.SizeBytes);
        System.Text.Encoding.ASCII.GetString(bytes, 0, 4).Should().Be("PAR1");
        (await h.Store.ListAsync(ObjectKeys.JobPrefix(convert.Id))).Should().Equal(output.StorageKey);
        Directory.EnumerateFileSystemEntries(Path.Combine(h.Options.DataDirectory, "work")).Should().BeEmpty("attempt work directories are removed");
    }

    [Fact]
    public async Task A_bad_csv_fails_once_without_retries_with_an_error_naming_the_file_row_and_problem()
    {
        await using var h = await PlatformHarness.CreateAsync();
        var dataset = await h.UploadAsync("bad.csv", "id,name\n1,ann\n2,bob,extra\n");
        var job = await h.EnqueueAsync("inspect", "{}", 5, dataset.Id);
        using var pool = h.CreatePool();
        await pool.StartAsync(CancellationToken.None);
        var failed = await h.WaitForAsync(job.Id, PlatformHarness.IsFinal);
        await pool.StopAsync(CancellationToken.None);

        failed.State.Should().Be(JobState.Failed);
        failed.Attempts.Should().Be(1);
        failed.Error.Should().Contain("bad.csv").And.Contain("line 3").And.Contain("expected 2");
        failed.Error.Should().NotContain("   at ", "users get a message, not a stack trace");
    }

    [Fact]
    public async Task Bad_options_an_unknown_module_and_a_missing_dataset_fail_at_once()
    {
        await using var h = await PlatformHarness.CreateAsync();
        var badOptions = await h.EnqueueAsync("noop", """{"sleepMs": "long"}""", 3);
        var unknown = await h.EnqueueAsync("frobnicate", "{}", 3);
        var missing = await h.EnqueueAsync("inspect", "{}", 3, Guid.NewGuid());
        var tooMany = await h.EnqueueAsync("inspect", "{}", 3);
        using var pool = h.CreatePool();
        await pool.StartAsync(CancellationToken.None);
        var results = new List<Job>();
        foreach (var id in new[] { badOptions.Id, unknown.Id, missing.Id, tooMany.Id })
            results.Add(await h.WaitForAsync(id, PlatformHarness.IsFinal));
        await pool.StopAsync(CancellationToken.None);

        results.Should().OnlyContain(j => j.State == JobState.Failed && j.Attempts == 1);
        results[0].Error.Should().Contain("sleepMs");
        results[1].Error.Should().Contain("unknown module 'frobnicate'");
        results[2].Error.Should().Contain("does not exist");
        results[3].Error.Should().Contain("takes 1 input(s), got 0");
    }

    [Fact]
    public async Task Cancelling_a_running_job_reaches_the_module_through_its_cancellation_token()
    {
        await using var h = await PlatformHarness.CreateAsync();
        var job = await h.EnqueueAsync("noop", """{"sleepMs": 600000, "outputs": 3}""", 3);
        using var pool = h.CreatePool();
        await pool.StartAsync(CancellationToken.None);
        await h.WaitForAsync(job.Id, j => j.State == JobState.Running);
        await h.Catalog.CancelAsync(Tenants.Default, job.Id);
        // The module would sleep ten minutes; only its cancellation token can end the job this soon.
        var cancelled = await h.WaitForAsync(job.Id, PlatformHarness.IsFinal, timeoutSeconds: 20);
        await pool.StopAsync(CancellationToken.None);
        cancelled.State.Should().Be(JobState.Cancelled);
        (await h.Catalog.ListOutputsAsync(Tenants.Default, job.Id)).Should().BeEmpty();
        (await h.Store.ListAsync(ObjectKeys.JobPrefix(job.Id))).Should().BeEmpty();
    }

    [Fact]
    public async Task Stopping_the_pool_past_its_grace_period_hands_a_running_job_back_to_the_queue()
    {
        await using var h = await PlatformHarness.CreateAsync();
        var job = await h.EnqueueAsync("noop", """{"sleepMs": 600000}""", 3);
        using var pool = h.CreatePool();
        await pool.StartAsync(CancellationToken.None);
        await h.WaitForAsync(job.Id, j => j.State == JobState.Running);
        using var grace = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await pool.StopAsync(grace.Token);
        var handedBack = (await h.Catalog.GetJobAsync(Tenants.Default, job.Id))!;
        handedBack.State.Should().Be(JobState.RetryWait);
        handedBack.Error.Should().Contain("worker stopped");
        handedBack.RunAfter.Should().BeOnOrBefore(DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Transient_failures_back_off_with_seeded_full_jitter_until_attempts_run_out()
    {
        var clock = new ManualClock();
        await using var h = await PlatformHarness.CreateAsync(clock);
        var job = await h.EnqueueAsync("noop", """{"fail": "transient"}""", 3);
        var worker = h.CreateWorker(new Random(42));
        var expected = new Random(42);
        var policy = new RetryPolicy(h.Options.RetryBaseDelay, h.Options.RetryMaxDelay);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            (await worker.RunOnceAsync()).Should().BeTrue($"attempt {attempt} is runnable");
            var after = (await h.Catalog.GetJobAsync(Tenants.Default, job.Id))!;
            after.Attempts.Should().Be(attempt);
            after.Error.Should().Contain("transient");
            var delay = policy.Delay(attempt, expected);
            delay.Should().BeLessThan(policy.Ceiling(attempt));
            if (attempt < 3)
            {
                after.State.Should().Be(JobState.RetryWait);
                after.RunAfter.Should().BeCloseTo(clock.GetUtcNow() + delay, TimeSpan.FromMilliseconds(1));
                if (delay > TimeSpan.FromMilliseconds(2))
                    (await worker.RunOnceAsync()).Should().BeFalse("the retry waits for its backoff");
                clock.Advance(delay + TimeSpan.FromMilliseconds(1));
            }
            else
            {
                after.State.Should().Be(JobState.Failed, "the third attempt was the last");
            }
        }
        policy.Ceiling(1).Should().Be(TimeSpan.FromSeconds(2));
        policy.Ceiling(3).Should().Be(TimeSpan.FromSeconds(8));
        policy.Ceiling(30).Should().Be(h.Options.RetryMaxDelay);
    }

    [Fact]
    public async Task A_worker_whose_lease_was_rescued_discards_its_outputs_instead_of_committing_them()
    {
        var clock = new ManualClock();
        await using var h = await PlatformHarness.CreateAsync(clock);
        var job = await h.EnqueueAsync("noop", """{"outputs": 2}""", 3);
        var stale = (await h.Catalog.Queue.TryClaimAsync("stale", h.Options.LeaseDuration))!;
        clock.Advance(h.Options.LeaseDuration + TimeSpan.FromSeconds(1));
        (await h.Catalog.Queue.RescueExpiredAsync()).Should().Be(1);
        var current = (await h.Catalog.Queue.TryClaimAsync("current", h.Options.LeaseDuration))!;

        await h.CreateWorker(new Random(1), "stale").ExecuteAsync(stale, CancellationToken.None);

        (await h.Catalog.ListOutputsAsync(Tenants.Default, job.Id)).Should().BeEmpty();
        (await h.Store.ListAsync(ObjectKeys.JobPrefix(job.Id))).Should().BeEmpty("the fenced attempt deletes what it stored");
        var stillRunning = (await h.Catalog.GetJobAsync(Tenants.Default, job.Id))!;
        stillRunning.State.Should().Be(JobState.Running);
        (await h.Catalog.Queue.CompleteAsync(current, "{}", [])).Should().BeTrue("the current attempt still holds the lease");
    }

    [Fact]
    public async Task The_succeeding_attempt_sweeps_files_a_dead_attempt_left_in_storage()
    {
        await using var h = await PlatformHarness.CreateAsync();
        var job = await h.EnqueueAsync("noop", """{"outputs": 2}""", 3);
        var orphan = ObjectKeys.AttemptPrefix(job.Id, Guid.NewGuid()) + "out-0001.txt";
        await h.Store.PutAsync(orphan, new MemoryStream([1, 2, 3]));
        (await h.CreateWorker(new Random(1)).RunOnceAsync()).Should().BeTrue();

        var outputs = await h.Catalog.ListOutputsAsync(Tenants.Default, job.Id);
        outputs.Select(o => o.Name).Should().Equal("out-0001.txt", "out-0002.txt");
        (await h.Store.ListAsync(ObjectKeys.JobPrefix(job.Id))).Should().Equal(outputs.Select(o => o.StorageKey));
        var report = JsonDocument.Parse((await h.Catalog.GetJobAsync(Tenants.Default, job.Id))!.ReportJson!).RootElement;
        report.GetProperty("outputs").GetInt32().Should().Be(2);
    }

    [Fact]
    public async Task A_cancelled_job_retried_runs_again_to_one_set_of_outputs_and_a_succeeded_job_cannot_be_rerun()
    {
        await using var h = await PlatformHarness.CreateAsync();
        var job = await h.EnqueueAsync("noop", """{"outputs": 2}""", 3);
        (await h.Catalog.CancelAsync(Tenants.Default, job.Id))!.State.Should().Be(JobState.Cancelled);
        var worker = h.CreateWorker(new Random(1));
        (await worker.RunOnceAsync()).Should().BeFalse("a cancelled job is not runnable");

        (await h.Catalog.RetryAsync(Tenants.Default, job.Id))!.State.Should().Be(JobState.Queued);
        (await worker.DrainAsync()).Should().Be(1);
        var done = (await h.Catalog.GetJobAsync(Tenants.Default, job.Id))!;
        done.State.Should().Be(JobState.Succeeded, done.Error);
        done.Attempts.Should().Be(1, "a retry starts a fresh attempt budget");
        var outputs = await h.Catalog.ListOutputsAsync(Tenants.Default, job.Id);
        outputs.Select(o => o.Name).Should().Equal("out-0001.txt", "out-0002.txt");

        (await h.Catalog.RetryAsync(Tenants.Default, job.Id)).Should().BeNull("only failed or cancelled jobs are queued again");
        (await worker.RunOnceAsync()).Should().BeFalse();
        (await h.Catalog.ListOutputsAsync(Tenants.Default, job.Id)).Should().BeEquivalentTo(outputs);
        (await h.Store.ListAsync(ObjectKeys.JobPrefix(job.Id))).Should().Equal(outputs.Select(o => o.StorageKey));
    }

    [Fact]
    public async Task Heartbeats_record_the_modules_progress_while_it_runs()
    {
        await using var h = await PlatformHarness.CreateAsync();
        var job = await h.EnqueueAsync("noop", """{"sleepMs": 3000, "outputs": 4}""", 3);
        using var pool = h.CreatePool();
        await pool.StartAsync(CancellationToken.None);
        var progressing = await h.WaitForAsync(job.Id, j => j.Progress is > 0 and < 1 || PlatformHarness.IsFinal(j));
        progressing.State.Should().Be(JobState.Running);
        progressing.Stage.Should().Be("working");
        var done = await h.WaitForAsync(job.Id, PlatformHarness.IsFinal);
        await pool.StopAsync(CancellationToken.None);
        done.State.Should().Be(JobState.Succeeded);
        done.Progress.Should().Be(1);
    }
}
