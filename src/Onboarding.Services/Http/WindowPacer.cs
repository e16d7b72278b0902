namespace Onboarding.Services.Http;

/// <summary>
/// Keeps a client within "at most <c>limit</c> requests per <c>window</c>" without ever running into the service's
/// limit, while using all of it.
/// </summary>
/// <remarks>
/// Each request holds a slot from the moment it is sent until one whole window after its answer arrived; at most
/// <c>limit</c> slots are held at once. So request <c>k + limit</c> leaves only after request <c>k</c>'s answer came
/// back plus a window, and arrives at the service more than a window after request <c>k</c> did, whatever the
/// network's delays: no window of that length, fixed or rolling, and however the service aligns it, ever counts more
/// than <c>limit</c>. Anchoring on the answer instead of the send costs one round trip per window (well under 1% at
/// HubSpot's 10 s), where a limiter that counts sends needs a margin for delays and clock offsets.
/// <para>A slot is kept 1% of the window (at least 10 ms) longer than the window itself: timers may fire up to a
/// millisecond early against the clock the service counts by, and the service may count a request a little after it
/// arrived.</para>
/// <para>When the service announces its limit in a response header, <see cref="Observe"/> adopts it, so the pace
/// follows the account's real budget (HubSpot's differs by subscription, Freshdesk's by plan).</para>
/// </remarks>
internal sealed class WindowPacer(int limit, TimeSpan window, TimeProvider time, int? ceiling = null) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private readonly CancellationTokenSource _disposed = new();
    private int _limit = Math.Max(1, limit);
    private int _held;

    public int Limit
    {
        get
        {
            lock (_gate)
                return _limit;
        }
    }

    public TimeSpan Window { get; } = window;

    private TimeSpan Margin { get; } = TimeSpan.FromTicks(Math.Max(window.Ticks / 100, TimeSpan.FromMilliseconds(10).Ticks));

    /// <summary>Waits for a slot; dispose the result when the answer has arrived (or the attempt failed).</summary>
    public async ValueTask<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (_waiting.Count == 0 && _held < _limit)
            {
                _held++;
                return new Slot(this);
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(waiter);
        }

        await using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)))
            await waiter.Task.ConfigureAwait(false);
        return new Slot(this);
    }

    /// <summary>
    /// Adopts the limit per window the service announced (ignored when not positive), but never above the ceiling the
    /// pacer was given: there the announced limit can only lower the pace.
    /// </summary>
    public void Observe(int announcedLimit)
    {
        if (announcedLimit <= 0)
            return;
        if (ceiling is { } most)
            announcedLimit = Math.Min(announcedLimit, Math.Max(1, most));
        lock (_gate)
        {
            if (announcedLimit == _limit)
                return;
            _limit = announcedLimit;
            GrantWhileRoom();
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private void Release()
    {
        _ = ReleaseAfterWindowAsync();
    }

    private async Task ReleaseAfterWindowAsync()
    {
        try
        {
            await Task.Delay(Window + Margin, time, _disposed.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        lock (_gate)
        {
            _held--;
            GrantWhileRoom();
        }
    }

    private void GrantWhileRoom()
    {
        while (_held < _limit && _waiting.TryDequeue(out var next))
        {
            // A waiter that was cancelled meanwhile does not take the slot.
            if (next.TrySetResult())
                _held++;
        }
    }

    private sealed class Slot(WindowPacer pacer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                pacer.Release();
        }
    }
}
