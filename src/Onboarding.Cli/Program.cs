using Onboarding.Cli;
using Onboarding.Cli.Infrastructure;

return await App.RunAsync(args, CliContext.Real());
