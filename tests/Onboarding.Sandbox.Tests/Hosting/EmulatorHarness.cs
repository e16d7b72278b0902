using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.Tests.Hosting;

/// <summary>
/// One emulator on 127.0.0.1 for one test, with its own journal and fault plan. Each service's harness
/// (<c>&lt;Service&gt;Harness</c>) adds the clients a test talks to it with; disposing the harness disposes them and
/// stops the host.
/// </summary>
internal abstract class EmulatorHarness<TEmulator> : IAsyncDisposable
    where TEmulator : IServiceEmulator
{
    private readonly List<IDisposable> _owned = [];

    protected EmulatorHarness(TEmulator emulator, EmulatorHost host, RequestJournal journal)
    {
        Emulator = emulator;
        Host = host;
        Journal = journal;
    }

    public TEmulator Emulator { get; }

    public EmulatorHost Host { get; }

    public RequestJournal Journal { get; }

    public FaultPlan Faults => Host.Faults;

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
            owned.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>Starts the emulator's host with a journal of its own.</summary>
    protected static async Task<(EmulatorHost Host, RequestJournal Journal)> StartHostAsync(TEmulator emulator, FaultPlan? faults)
    {
        var journal = new RequestJournal();
        return (await EmulatorHost.StartAsync(emulator, journal, faults), journal);
    }

    /// <summary>Disposed with the harness.</summary>
    protected T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
