using Onboarding.Bench;

// Benchmarks that print figures; see docs/benchmarks.md. One command per benchmark:
//   dotnet run -c Release --project bench/Onboarding.Bench -- <command> [options]
var arguments = new BenchArguments(args);
return arguments.Command switch
{
    "validate" => await ValidateBenchmark.RunAsync(arguments),
    "fuzz" => FuzzBenchmark.Run(arguments),
    "load" => await LoadBenchmark.RunAsync(arguments),
    "soak" => await SoakBenchmark.RunAsync(arguments),
    "nightly" => await NightlyBenchmark.RunAsync(arguments),
    _ => BenchArguments.PrintUsage(
        ValidateBenchmark.Usage,
        FuzzBenchmark.Usage,
        LoadBenchmark.Usage,
        SoakBenchmark.Usage,
        NightlyBenchmark.Usage),
};
