namespace Onboarding.Cli.Commands;

internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The input is invalid, or the work failed.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;
}

internal enum OutputFormat
{
    Text,
    Json,
}
