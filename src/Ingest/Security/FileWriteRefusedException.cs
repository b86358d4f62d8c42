namespace Pontive.Iot.Ingest.Security;

/// <summary>A file could not be written, usually for want of permission; the message tells the administrator what to do.</summary>
public sealed class FileWriteRefusedException : IOException
{
    public FileWriteRefusedException()
    {
    }

    public FileWriteRefusedException(string message)
        : base(message)
    {
    }

    public FileWriteRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
