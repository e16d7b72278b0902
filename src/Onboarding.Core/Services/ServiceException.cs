using System.Text;

namespace Onboarding.Core.Services;

/// <summary>
/// A service answered with an error the caller cannot fix by retrying. The message is a sentence for the user:
/// it names the service, the operation and what the service said, and never a credential.
/// </summary>
/// <remarks>
/// What a service said is quoted into the log of a workflow, where a line starting with <c>::</c> (or <c>##[</c>) is a
/// command to the runner (<c>::add-mask::</c>, <c>::error::</c>, <c>::stop-commands::</c>): the message is one line,
/// without control characters, and no <c>::</c> or <c>##[</c> is left in it, wherever it is printed.
/// </remarks>
public sealed class ServiceException : Exception
{
    public ServiceException(string service, string operation, int? status, string message, Exception? inner = null)
        : base(OneInertLine(message), inner)
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

    /// <summary>The message on one line, with no workflow command left in it (<c>: :</c> and <c># #[</c> read the same).</summary>
    private static string OneInertLine(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var line = new StringBuilder(message.Length);
        foreach (var c in message)
        {
            if (c is '\r' or '\n' or '\u2028' or '\u2029' or '\u0085' or '\t')
            {
                if (line.Length > 0 && line[^1] != ' ')
                    line.Append(' ');
            }
            else if (!char.IsControl(c))
            {
                line.Append(c);
            }
        }

        return line.Replace("::", ": :").Replace("##[", "# #[").ToString().Trim();
    }
}
