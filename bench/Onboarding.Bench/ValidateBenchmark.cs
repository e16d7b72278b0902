using System.Diagnostics;
using System.Globalization;
using CliWrap;
using CliWrap.Buffered;
using Onboarding.Testing;

namespace Onboarding.Bench;

/// <summary>Times <c>onboarding validate</c> against ajv-cli over many generated manifests (docs/benchmarks.md).</summary>
internal static class ValidateBenchmark
{
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

        var ajv = await EnsureAjvAsync(Path.Combine(root, ".bench", "node"));
        var ours = Path.Combine(AppContext.BaseDirectory, "onboarding.dll");
        var published = await PublishReadyToRunAsync(root, Path.Combine(root, ".bench", "publish"));
        var schema = Path.Combine(root, "schemas", "community.schema.json");

        var oursTimes = await TimeAsync("dotnet", [ours, "validate", communities], expectedExit: 0, runs);
        var publishedTimes = await TimeAsync("dotnet", [published, "validate", communities], expectedExit: 0, runs);
        var ajvTimes = await TimeAsync("node", [ajv, "validate", "--spec=draft7", "--allow-union-types", "-c", "ajv-formats", "-s", schema, "-d", communities + "/*.yaml"], expectedExit: 0, runs);

        Console.WriteLine();
        Console.WriteLine($"{count} files, {runs} timed runs each after one warm-up, wall time of the whole process (median, min, max):");
        Console.WriteLine();
        Console.WriteLine("| tool | checks | median | min | max |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: |");
        Console.WriteLine($"| onboarding validate (build output, JIT) | YAML safety + schema + rules + locations | {Ms(Median(oursTimes))} | {Ms(oursTimes.Min())} | {Ms(oursTimes.Max())} |");
        Console.WriteLine($"| onboarding validate (published, ReadyToRun) | YAML safety + schema + rules + locations | {Ms(Median(publishedTimes))} | {Ms(publishedTimes.Min())} | {Ms(publishedTimes.Max())} |");
        Console.WriteLine($"| ajv-cli 5 (draft7, ajv-formats) | schema only | {Ms(Median(ajvTimes))} | {Ms(ajvTimes.Min())} | {Ms(ajvTimes.Max())} |");
        Console.WriteLine();
        foreach (var (name, times) in new[] { ("build output", oursTimes), ("published", publishedTimes) })
        {
            var ratio = Median(times) / Median(ajvTimes);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"onboarding validate ({name}) takes {ratio:0.00}x the wall time of ajv-cli ({(ratio < 1 ? "faster" : "slower")})."));
        }

        return 0;
    }

    private static async Task<List<double>> TimeAsync(string program, string[] programArgs, int expectedExit, int runs)
    {
        var times = new List<double>();
        for (var i = 0; i <= runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var result = await CliWrap.Cli.Wrap(program).WithArguments(programArgs).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
            clock.Stop();
            if (result.ExitCode != expectedExit)
                throw new InvalidOperationException($"{program} exited {result.ExitCode}: {result.StandardError}{result.StandardOutput[..Math.Min(2000, result.StandardOutput.Length)]}");
            if (i > 0)
                times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static async Task<string> PublishReadyToRunAsync(string root, string output)
    {
        Console.WriteLine("Publishing the CLI with ReadyToRun into .bench/publish ...");
        await CliWrap.Cli.Wrap("dotnet")
            .WithArguments(["publish", Path.Combine(root, "src", "Onboarding.Cli"), "-c", "Release", "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", output])
            .ExecuteBufferedAsync();
        return Path.Combine(output, "onboarding.dll");
    }

    private static async Task<string> EnsureAjvAsync(string prefix)
    {
        var cli = Path.Combine(prefix, "node_modules", "ajv-cli", "dist", "index.js");
        if (!File.Exists(cli))
        {
            Console.WriteLine("Installing ajv-cli and ajv-formats with npm into .bench/node ...");
            Directory.CreateDirectory(prefix);
            await CliWrap.Cli.Wrap("npm")
                .WithArguments(["install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-save", "ajv-cli@5.0.0", "ajv-formats@3.0.1"])
                .ExecuteBufferedAsync();
        }

        return cli;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Ms(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0} ms");
}
