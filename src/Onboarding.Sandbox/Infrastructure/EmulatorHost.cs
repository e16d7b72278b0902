using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Onboarding.Sandbox.Infrastructure;

/// <summary>Runs one emulator on 127.0.0.1 (port 0 picks a free port) behind the shared journal and fault middleware.</summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorHost(WebApplication app, IServiceEmulator emulator, FaultPlan faults, Uri baseAddress)
    {
        _app = app;
        Emulator = emulator;
        Faults = faults;
        BaseAddress = baseAddress;
    }

    public IServiceEmulator Emulator { get; }

    public FaultPlan Faults { get; }

    /// <summary>Scheme, host and port, ending with '/'. Services add their own prefix (/api/v2, /api/v3, /crm).</summary>
    public Uri BaseAddress { get; }

    public static async Task<EmulatorHost> StartAsync(
        IServiceEmulator emulator,
        RequestJournal journal,
        FaultPlan? faults = null,
        int port = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        faults ??= new FaultPlan();
        // The empty builder: no configuration files, environment variables or logging providers to read or watch (an
        // appsettings.json or ASPNETCORE_ variable where the command runs is not the emulator's), only Kestrel and routing.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, port));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var middleware = new EmulatorMiddleware(emulator, journal, faults);
        app.Use(middleware.InvokeAsync);
        emulator.Configure(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new EmulatorHost(app, emulator, faults, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
