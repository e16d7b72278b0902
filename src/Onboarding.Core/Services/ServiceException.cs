namespace Onboarding.Core.Services;

/// <summary>
/// A service answered with an error the caller cannot fix by retrying. The message is a sentence for the user:
/// it names the service, the operation and what the service said, and never a credential.
/// </summary>
public sealed class ServiceException : Exception
{
    public ServiceException(string service, string operation, int? status, string message, Exception? inner = null)
        : base(message, inner)
    {
        Service = service;
        Operation = operation;
        Status = status;
    }

    public ServiceException()
        : this("service", "request", null, "The service request failed.")
    {
    }

    public ServiceException(string message)
        : this("service", "request", null, message)
    {
    }

    public ServiceException(string message, Exception inner)
        : this("service", "request", null, message, inner)
    {
    }

    public string Service { get; }

    public string Operation { get; }

    /// <summary>The HTTP status, or null when no answer came (timeout, connection reset).</summary>
    public int? Status { get; }

    /// <summary>
    /// The service's refusal says a unique value is taken (HubSpot may answer that as a 400 "already has that value",
    /// not a 409): the thing may already exist, so look it up by its key before the failure stands.
    /// </summary>
    public bool MayAlreadyExist { get; init; }
}
