using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Onboarding.Testing;

/// <summary>
/// The processor time the calling thread has used, so a bound on the cost of some work holds on a machine busy with
/// other builds. On Linux (CI and the development machines) the thread's own clock; elsewhere wall time.
/// </summary>
public static class ThreadTime
{
    private const int ThreadCpuTimeClock = 3; // CLOCK_THREAD_CPUTIME_ID

    private static readonly Stopwatch Wall = Stopwatch.StartNew();

    public static TimeSpan Now()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ThreadCpuTimeClock, out var time) == 0)
            return TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100));
        return Wall.Elapsed;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
