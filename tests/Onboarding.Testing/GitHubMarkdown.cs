using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Onboarding.Testing;

/// <summary>
/// GitHub's own Markdown renderer, <c>cmark-gfm</c>, with the extensions github.com turns on (table, autolink,
/// tagfilter, strikethrough, tasklist), run as a process: what a reader would be shown of an issue, a comment or a pull
/// request, judged on GitHub's terms and not only on Markdig's. Raw HTML is kept (<c>--unsafe</c>), so a check sees what
/// would otherwise be left to GitHub's sanitiser. <see cref="Inertness.OfGitHubHtml"/> reads the result.
/// </summary>
/// <remarks>
/// A missing renderer fails the test with <see cref="Missing"/> rather than skipping it: these tests are the proof
/// of what GitHub shows, and a skip is easily overlooked. <c>.ci/run</c> installs the Debian package.
/// </remarks>
public static class GitHubMarkdown
{
    public const string Missing =
        "cmark-gfm, GitHub's Markdown renderer, is not installed, so what GitHub would show cannot be checked: " +
        "install it (apt-get install cmark-gfm on Debian and Ubuntu, as .ci/run does; brew install cmark-gfm on macOS).";

    private static readonly string[] Arguments =
    [
        "--unsafe",
        "--extension", "table",
        "--extension", "autolink",
        "--extension", "tagfilter",
        "--extension", "strikethrough",
        "--extension", "tasklist",
    ];

    /// <summary>The HTML GitHub's renderer makes of <paramref name="markdown"/>.</summary>
    /// <exception cref="InvalidOperationException">cmark-gfm is not installed (<see cref="Missing"/>), or failed.</exception>
    public static string ToHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var start = new ProcessStartInfo("cmark-gfm")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in Arguments)
            start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException(Missing);
        }
        catch (Win32Exception)
        {
            throw new InvalidOperationException(Missing);
        }

        using (process)
        {
            // cmark-gfm reads all of its input before it writes: reading after writing cannot deadlock.
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(markdown);
            process.StandardInput.Close();
            if (!process.WaitForExit(30_000))
            {
                process.Kill();
                throw new InvalidOperationException("cmark-gfm did not finish within 30 s.");
            }

            if (process.ExitCode != 0)
                throw new InvalidOperationException($"cmark-gfm failed ({process.ExitCode}): {error.GetAwaiter().GetResult()}");
            return output.GetAwaiter().GetResult();
        }
    }
}
