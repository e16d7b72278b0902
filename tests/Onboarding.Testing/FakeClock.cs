using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Onboarding.Testing;

/// <summary>
/// One fake clock (a <see cref="FakeTimeProvider"/>) for a test whose code waits on time across real HTTP: the
/// clients' pace, Retry-After and backoff, their attempt timeouts, and the emulators' rate windows and slow answers.
/// From <see cref="Start"/> until it is disposed it moves itself to the next timer whenever the code under test is
/// waiting on it, so no test sleeps, and a wait lasts as long as the code asked, in clock time.
/// </summary>
/// <remarks>
/// <para>Give <see cref="Time"/> to the code under test (clients, <c>ServiceConnections</c>, a <c>CliContext</c>) and
/// <see cref="EmulatorTime"/> to the emulators (<c>SandboxOptions.Time</c>, <c>EmulatorHost</c>). Both read the same
/// clock; telling them apart is what lets it tell waiting from working.</para>
/// <para>It moves to the earliest timer only when the code under test is waiting on the clock:</para>
/// <list type="bullet">
/// <item>the code is not between two steps: no timer's callback is running (it runs what the timer woke up), and for a
/// moment of real time nothing happened on the clock (no timer made, changed, fired or dropped) and the process hardly
/// computed (what woke up may go on in continuations the clock does not see), or, when other tests keep the process
/// computing, nothing happened on the clock for a longer moment;</item>
/// <item>no request of the code under test is being worked on. A request in flight holds a deadline, its attempt
/// timeout: a timer whose state is a <see cref="CancellationTokenSource"/>. It is stuck on the clock only when an
/// emulator made a timer after that deadline (a slow answer or a silent server from a fault plan). A deadline without
/// such a timer is a request being answered, and a deadline that fired is a request being given up on until it is
/// dropped: moving the clock then could time out a request the emulator is answering.</item>
/// </list>
/// <para>Bounded: past <see cref="MaxMoves"/> moves or <see cref="MaxElapsed"/> of clock time it gives up: it fires
/// every timer, every new timer throws, and disposing the clock throws, so a test that would wait forever fails.</para>
/// </remarks>
public sealed class FakeClock : IAsyncDisposable, IDisposable
{
    /// <summary>The day the tests live on (the examples' manifests are valid on it).</summary>
    public static readonly DateTimeOffset TestDay = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public const int MaxMoves = 10_000;

    public static readonly TimeSpan MaxElapsed = TimeSpan.FromDays(1);

    /// <summary>How long nothing must happen on the clock, with the process hardly computing, before it moves.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(15);

    /// <summary>How long nothing must happen on the clock before it moves however much the process computes.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a fired deadline may take to be dropped before the clock stops waiting for it.</summary>
    private static readonly TimeSpan MaxGivingUp = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _fake;
    private readonly Lock _gate = new();
    private readonly HashSet<Timer> _timers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _driving;
    private long _made;
    private long _changes;
    private int _running;
    private int _moves;
    private string? _failure;

    private FakeClock(DateTimeOffset start)
    {
        _fake = new FakeTimeProvider(start);
        Time = new View(this, emulator: false);
        EmulatorTime = new View(this, emulator: true);
        _driving = Task.Run(DriveAsync);
    }

    /// <summary>A clock at <paramref name="at"/> (<see cref="TestDay"/> by default) that moves itself until disposed.</summary>
    public static FakeClock Start(DateTimeOffset? at = null) => new(at ?? TestDay);

    /// <summary>The clock as the code under test sees it.</summary>
    public TimeProvider Time { get; }

    /// <summary>The same clock as the emulators see it: their timers hold a request back.</summary>
    public TimeProvider EmulatorTime { get; }

    public DateTimeOffset Now => _fake.GetUtcNow();

    /// <summary>Clock time since <see cref="Start"/>.</summary>
    public TimeSpan Elapsed => Now - _fake.Start;

    /// <summary>How often the clock moved itself to a timer.</summary>
    public int Moves => Volatile.Read(ref _moves);

    /// <summary>Moves the clock by hand (firing the timers on the way), as when a test lets a search index catch up.</summary>
    public void Advance(TimeSpan by) => _fake.Advance(by);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _driving;
        _stop.Dispose();
        ThrowIfGaveUp();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _driving.GetAwaiter().GetResult();
        _stop.Dispose();
        ThrowIfGaveUp();
    }

    private void ThrowIfGaveUp()
    {
        if (_failure is not null)
            throw new InvalidOperationException(_failure);
    }

    private async Task DriveAsync()
    {
        var quietSince = Stopwatch.GetTimestamp();
        while (!_stop.IsCancellationRequested)
        {
            var seen = Interlocked.Read(ref _changes);
            var cpu = Environment.CpuUsage.TotalTime;
            try
            {
                await Task.Delay(Quiet, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var changes = Interlocked.Read(ref _changes);
            if (changes != seen)
            {
                quietSince = Stopwatch.GetTimestamp();
                continue;
            }

            // Other tests in this process compute too: past a longer quiet, the clock moves however busy the process is.
            var busy = Environment.CpuUsage.TotalTime - cpu > Quiet / 4 && Stopwatch.GetElapsedTime(quietSince) < Patience;
            if (busy || NextDue() is not { } due)
                continue;
            if (++_moves > MaxMoves || due - _fake.Start > MaxElapsed)
            {
                GiveUp();
                return;
            }

            var now = _fake.GetUtcNow();
            _fake.Advance(due > now ? due - now : TimeSpan.Zero);
        }
    }

    /// <summary>The earliest timer's due time, or null while nothing waits or the code under test is working.</summary>
    private DateTimeOffset? NextDue()
    {
        if (Volatile.Read(ref _running) > 0)
            return null;
        lock (_gate)
        {
            if (_timers.Any(t => t.GivingUp))
                return null;
            var pending = _timers.Where(t => t.Due is not null).ToList();
            var holds = pending.Where(t => t.Emulator).Select(t => t.Made).Order().ToList();
            var held = 0;
            foreach (var deadline in pending.Where(t => t.Deadline).Select(t => t.Made).Order())
            {
                while (held < holds.Count && holds[held] < deadline)
                    held++;
                if (held == holds.Count)
                    return null;
                held++;
            }

            return pending.Count == 0 ? null : pending.Min(t => t.Due);
        }
    }

    private void GiveUp()
    {
        _failure = $"The fake clock gave up after {_moves} moves and {Elapsed} of clock time (at most {MaxMoves} moves and {MaxElapsed}): the code under test kept waiting on it.";
        _fake.Advance(MaxElapsed);
    }

    private void Changed() => Interlocked.Increment(ref _changes);

    private Timer CreateTimer(bool emulator, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (_failure is not null)
            throw new InvalidOperationException(_failure);
        var timer = new Timer(this, emulator, deadline: !emulator && state is CancellationTokenSource, Interlocked.Increment(ref _made));
        timer.Start(callback, state, dueTime, period);
        return timer;
    }

    /// <summary>Runs a timer's callback on the thread pool, as a real timer does, and counts it as running meanwhile.</summary>
    private void Run(TimerCallback callback, object? state)
    {
        // Not on the thread that moves the clock: a test that ended there would wait for the clock to stop, and so for itself.
        Interlocked.Increment(ref _running);
        ThreadPool.UnsafeQueueUserWorkItem(
            _ =>
            {
                try
                {
                    callback(state);
                }
                finally
                {
                    Interlocked.Decrement(ref _running);
                    Changed();
                }
            },
            null);
    }

    /// <summary>The clock as one side sees it: time from the shared fake, timers registered with this clock.</summary>
    private sealed class View(FakeClock clock, bool emulator) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock._fake.GetUtcNow();

        public override long GetTimestamp() => clock._fake.GetTimestamp();

        public override long TimestampFrequency => clock._fake.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            clock.CreateTimer(emulator, callback, state, dueTime, period);
    }

    /// <summary>A timer of the fake, with what the clock needs to know: when it is due, and whose it is.</summary>
    private sealed class Timer(FakeClock clock, bool emulator, bool deadline, long made) : ITimer
    {
        private ITimer? _inner;
        private TimeSpan _period;
        private long _fired;
        private long? _firedAt;

        public bool Emulator => emulator;

        public bool Deadline => deadline;

        /// <summary>The order timers were made in.</summary>
        public long Made => made;

        /// <summary>When it fires next; null when it will not (disabled, or fired once).</summary>
        public DateTimeOffset? Due { get; private set; }

        /// <summary>A deadline that fired and is not dropped yet: its request is being given up on.</summary>
        public bool GivingUp => _firedAt is { } at && Stopwatch.GetElapsedTime(at) < MaxGivingUp;

        public void Start(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var fired = Schedule(dueTime, period);
            _inner = clock._fake.CreateTimer(
                s =>
                {
                    Fire();
                    clock.Run(callback, s);
                },
                state,
                dueTime,
                period);
            Reschedule(fired, dueTime);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var fired = Schedule(dueTime, period);
            var changed = _inner?.Change(dueTime, period) ?? false;
            Reschedule(fired, dueTime);
            return changed;
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                Due = null;
                _firedAt = null;
                clock._timers.Remove(this);
            }

            clock.Changed();
            _inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private long Schedule(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                _period = period;
                _firedAt = null;
                Due = dueTime >= TimeSpan.Zero ? clock._fake.GetUtcNow() + dueTime : null;
                clock._timers.Add(this);
            }

            clock.Changed();
            return Interlocked.Read(ref _fired);
        }

        /// <summary>
        /// The fake counts the due time from its own "now" when it takes the timer; if the clock moved meanwhile, that
        /// is later than the first guess, and moving only to the guess would not fire it.
        /// </summary>
        private void Reschedule(long firedBefore, TimeSpan dueTime)
        {
            lock (clock._gate)
            {
                if (Due is not null && Interlocked.Read(ref _fired) == firedBefore)
                {
                    var later = clock._fake.GetUtcNow() + dueTime;
                    if (later > Due)
                        Due = later;
                }
            }
        }

        private void Fire()
        {
            Interlocked.Increment(ref _fired);
            lock (clock._gate)
            {
                if (_period > TimeSpan.Zero)
                {
                    Due = clock._fake.GetUtcNow() + _period;
                }
                else
                {
                    Due = null;
                    if (deadline)
                        _firedAt = Stopwatch.GetTimestamp();
                    else
                        clock._timers.Remove(this);
                }
            }

            clock.Changed();
        }
    }
}
