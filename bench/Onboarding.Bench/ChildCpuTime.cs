using System.Runtime.InteropServices;

namespace Onboarding.Bench;

/// <summary>
/// The processor time (user and system) of the child processes this process has waited for, from getrusage(2).
/// Wall time on a shared machine mostly measures the other users' load; processor time much less so.
/// </summary>
internal static partial class ChildCpuTime
{
    private const int ChildrenOfThisProcess = -1;

    /// <summary>The total so far: the difference around one child's run is that child's time.</summary>
    public static TimeSpan Total()
    {
        if (!OperatingSystem.IsLinux() || GetResourceUsage(ChildrenOfThisProcess, out var usage) != 0)
            return TimeSpan.Zero;
        return usage.UserTime.ToTimeSpan() + usage.SystemTime.ToTimeSpan();
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetResourceUsage(int who, out ResourceUsage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeValue
    {
        public long Seconds;
        public long Microseconds;

        public readonly TimeSpan ToTimeSpan() => TimeSpan.FromSeconds(Seconds) + TimeSpan.FromMicroseconds(Microseconds);
    }

    /// <summary>struct rusage on 64-bit Linux: two timevals, then fourteen longs this benchmark does not read.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public TimeValue UserTime;
        public TimeValue SystemTime;
        public Unread Rest;
    }

    [System.Runtime.CompilerServices.InlineArray(14)]
    private struct Unread
    {
        private long _first;
    }
}
