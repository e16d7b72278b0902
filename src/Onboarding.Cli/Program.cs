using Onboarding.Cli;
using Onboarding.Cli.Infrastructure;

return App.Run(args, CliContext.Real());
