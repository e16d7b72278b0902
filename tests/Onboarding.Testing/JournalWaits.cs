using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Testing;

/// <summary>Waits on the emulators' journal by its events, never by polling.</summary>
public static class JournalWaits
{
    /// <summary>
    /// Completes once <paramref name="condition"/> holds for what the journal recorded: a request an emulator is still
    /// serving (one whose client gave up) is recorded only when it ends. Fails after 10 s of real time.
    /// </summary>
    public static async Task UntilAsync(this RequestJournal journal, Func<IReadOnlyList<JournalEntry>, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(condition);
        var met = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (condition(journal.Entries))
                met.TrySetResult();
        }

        void OnRecorded(JournalEntry entry) => Check();
        journal.Recorded += OnRecorded;
        try
        {
            Check();
            await met.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            journal.Recorded -= OnRecorded;
        }
    }
}
