namespace Pontive.Iot.Ingest.Reports.Requests;

/// <summary>A report was asked with parameters it cannot answer; the message says which and why (HTTP 400).</summary>
public sealed class ReportRequestException : Exception
{
    public ReportRequestException()
    {
    }

    public ReportRequestException(string message)
        : base(message)
    {
    }

    public ReportRequestException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
