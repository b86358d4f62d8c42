using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;

namespace Pontive.Iot.Ingest.Pipeline;

/// <summary>
/// The bounded hand-over between the broker side and the writer. When it is full, sources wait, which
/// holds back acknowledgements and so makes the broker (or the device) hold the rest.
/// </summary>
public sealed class IngestBacklog
{
    private readonly Channel<InboundMessage> _channel;

    public IngestBacklog(IOptions<IngestOptions> options)
    {
        _channel = Channel.CreateBounded<InboundMessage>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    public ChannelReader<InboundMessage> Reader => _channel.Reader;

    public int Count => _channel.Reader.Count;

    public ValueTask EnqueueAsync(InboundMessage message, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(message, cancellationToken);
}
