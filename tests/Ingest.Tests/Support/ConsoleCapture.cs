namespace Pontive.Iot.Ingest.Tests.Support;

/// <summary>
/// What a command prints, captured by swapping the process's console writers; only for tests in the
/// <see cref="ConsoleOutput"/> collection, which run alone.
/// </summary>
public sealed class ConsoleCapture : IDisposable
{
    private readonly TextWriter _originalOut = Console.Out;
    private readonly TextWriter _originalError = Console.Error;
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public ConsoleCapture()
    {
        Console.SetOut(_out);
        Console.SetError(_error);
    }

    public string Out => _out.ToString();

    public string Error => _error.ToString();

    public void Dispose()
    {
        Console.SetOut(_originalOut);
        Console.SetError(_originalError);
        _out.Dispose();
        _error.Dispose();
    }
}

/// <summary>Tests that replace the process's console writers run alone.</summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class ConsoleOutput
{
    public const string Collection = "console output";
}
