using System.Collections.Concurrent;

namespace Onboarding.Sandbox.Infrastructure;

/// <summary>One request as an emulator saw it.</summary>
/// <param name="ChangedState">True when the handler changed the emulator's state (set by the store, not guessed from the method:
/// HubSpot's search and batch read are POSTs that change nothing).</param>
public sealed record JournalEntry(
    long Sequence,
    string Service,
    string Method,
    string Path,
    string Query,
    string? Body,
    int Status,
    bool ChangedState,
    string? Fault,
    DateTimeOffset At);

/// <summary>Every request every emulator served, in order. Tests read it to prove what was (not) sent.</summary>
public sealed class RequestJournal
{
    private readonly ConcurrentQueue<JournalEntry> _entries = new();
    private long _sequence;

    public IReadOnlyList<JournalEntry> Entries => [.. _entries];

    public IReadOnlyList<JournalEntry> StateChanges => [.. _entries.Where(e => e.ChangedState)];

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>Raised after each request is recorded (tests use it to stop a run at an exact point).</summary>
    public event Action<JournalEntry>? Recorded;

    public void Add(JournalEntry entry)
    {
        _entries.Enqueue(entry);
        Recorded?.Invoke(entry);
    }

    public void Clear() => _entries.Clear();
}
