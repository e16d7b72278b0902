using System.Diagnostics;
using System.Globalization;
using CliWrap;
using CliWrap.Buffered;
using Onboarding.Testing;

namespace Onboarding.Bench;

/// <summary>
/// Times <c>onboarding validate</c> against ajv-cli and the native JSON Schema CLI (<c>@sourcemeta/jsonschema</c>) over
/// many generated manifests (docs/benchmarks.md).
/// </summary>
internal static class ValidateBenchmark
{
    private const string AjvCli = "ajv-cli@5.0.0";
    private const string AjvFormats = "ajv-formats@3.0.1";
    private const string NativeCli = "@sourcemeta/jsonschema@16.11.0";

    public const string Usage = "validate [--count 1000] [--runs 5]";

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var count = arguments.Option("--count", 1000);
        var runs = arguments.Option("--runs", 5);
        var root = arguments.Root;
        var work = Path.Combine(root, ".bench", "validate");
        var communities = Path.Combine(work, "communities");
        if (Directory.Exists(communities))
            Directory.Delete(communities, recursive: true);
        Directory.CreateDirectory(communities);
        for (var n = 0; n < count; n++)
            await File.WriteAllTextAsync(Path.Combine(communities, $"c{n:D6}.yaml"), ManifestText.Generated(n));
        Console.WriteLine($"Generated {count} distinct valid manifests in .bench/validate/communities.");

        var (ajv, native) = await EnsureNodeToolsAsync(Path.Combine(root, ".bench", "node"));
        var ours = Path.Combine(AppContext.BaseDirectory, "onboarding.dll");
        var published = await PublishAsync(root, Path.Combine(root, ".bench", "publish"));
        var schema = Path.Combine(root, "schemas", "community.schema.json");

        var oursTimes = await TimeAsync("dotnet", [ours, "validate", communities], expectedExit: 0, runs);
        var publishedTimes = await TimeAsync(published, ["validate", communities], expectedExit: 0, runs);
        // Not strict about the schema: its x-manifest-comment annotations are keywords ajv does not know.
        var ajvTimes = await TimeAsync("node", [ajv, "validate", "--spec=draft7", "--allow-union-types", "--strict-schema=false", "-c", "ajv-formats", "-s", schema, "-d", communities + "/*.yaml"], expectedExit: 0, runs);
        // The executable itself, not its Node wrapper (which only starts it): the fastest way to run it.
        var nativeTimes = await TimeAsync(native, ["validate", schema, communities, "--extension", ".yaml"], expectedExit: 0, runs);

        Console.WriteLine();
        Console.WriteLine($"{count} files, {runs} timed runs each after one warm-up; wall time of the whole process (median, min, max) and");
        Console.WriteLine($"processor time, user + system over all threads (median). Machine: {Environment.ProcessorCount} cores, load {LoadAverage()}.");
        Console.WriteLine();
        Console.WriteLine("| tool | checks | median | min | max | processor |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: |");
        Console.WriteLine(Row("onboarding validate (build output, JIT)", "YAML safety + schema + rules + locations", oursTimes));
        Console.WriteLine(Row("onboarding validate (published as the action does)", "YAML safety + schema + rules + locations", publishedTimes));
        Console.WriteLine(Row("ajv-cli 5 (draft7, ajv-formats)", "schema only", ajvTimes));
        Console.WriteLine(Row("jsonschema 16.11 (sourcemeta, native)", "schema only", nativeTimes));
        Console.WriteLine();
        foreach (var (name, times) in new[] { ("build output", oursTimes), ("published", publishedTimes) })
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"onboarding validate ({name}): {Median(times.Wall) / Median(ajvTimes.Wall):0.00}x ajv-cli's wall time (goal below 1), {Median(times.Wall) / Median(nativeTimes.Wall):0.00}x the native CLI's (goal at most 2)."));
        }

        return 0;
    }

    /// <summary>One warm-up, then <paramref name="runs"/> timed runs: wall time and processor time, in milliseconds.</summary>
    private static async Task<Timings> TimeAsync(string program, string[] programArgs, int expectedExit, int runs)
    {
        var timings = new Timings([], []);
        for (var i = 0; i <= runs; i++)
        {
            var cpuBefore = ChildCpuTime.Total();
            var clock = Stopwatch.StartNew();
            var result = await CliWrap.Cli.Wrap(program).WithArguments(programArgs).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
            clock.Stop();
            var cpu = ChildCpuTime.Total() - cpuBefore;
            if (result.ExitCode != expectedExit)
                throw new InvalidOperationException($"{program} exited {result.ExitCode}: {result.StandardError}{result.StandardOutput[..Math.Min(2000, result.StandardOutput.Length)]}");
            if (i > 0)
            {
                timings.Wall.Add(clock.Elapsed.TotalMilliseconds);
                timings.Cpu.Add(cpu.TotalMilliseconds);
            }
        }

        return timings;
    }

    /// <summary>Publishes the CLI exactly as the GitHub Action does on a cache miss (scripts/publish-cli.sh).</summary>
    private static async Task<string> PublishAsync(string root, string output)
    {
        Console.WriteLine("Publishing the CLI as the action does (scripts/publish-cli.sh) into .bench/publish ...");
        await CliWrap.Cli.Wrap("bash")
            .WithArguments([Path.Combine(root, "scripts", "publish-cli.sh"), output])
            .ExecuteBufferedAsync();
        return Path.Combine(output, "onboarding");
    }

    /// <returns>ajv-cli's script, and the native CLI's executable for this machine.</returns>
    private static async Task<(string Ajv, string Native)> EnsureNodeToolsAsync(string prefix)
    {
        var ajv = Path.Combine(prefix, "node_modules", "ajv-cli", "dist", "index.js");
        var native = Path.Combine(prefix, "node_modules", "@sourcemeta", "jsonschema", "build", "github-releases", "jsonschema-linux-x86_64");
        if (!File.Exists(ajv) || !File.Exists(native))
        {
            Console.WriteLine($"Installing {AjvCli}, {AjvFormats} and {NativeCli} with npm into .bench/node ...");
            Directory.CreateDirectory(prefix);
            await CliWrap.Cli.Wrap("npm")
                .WithArguments(["install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-save", AjvCli, AjvFormats, NativeCli])
                .ExecuteBufferedAsync();
        }

        return (ajv, native);
    }

    private static string Row(string tool, string checks, Timings times) =>
        $"| {tool} | {checks} | {Ms(Median(times.Wall))} | {Ms(times.Wall.Min())} | {Ms(times.Wall.Max())} | {Ms(Median(times.Cpu))} |";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Ms(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0} ms");

    /// <param name="Wall">Milliseconds from start to exit, one per run.</param>
    /// <param name="Cpu">Milliseconds of processor time (user and system, all threads), one per run.</param>
    private sealed record Timings(List<double> Wall, List<double> Cpu);
}
