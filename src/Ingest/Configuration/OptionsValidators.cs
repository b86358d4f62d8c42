using Microsoft.Extensions.Options;

namespace Pontive.Iot.Ingest.Configuration;

// Source-generated validators for the data annotations on each options class (checked at start, see IngestHost).

[OptionsValidator]
internal sealed partial class BrokerOptionsValidator : IValidateOptions<BrokerOptions>;

[OptionsValidator]
internal sealed partial class InfluxDbOptionsAnnotationsValidator : IValidateOptions<InfluxDbOptions>;

[OptionsValidator]
internal sealed partial class IngestOptionsValidator : IValidateOptions<IngestOptions>;

[OptionsValidator]
internal sealed partial class DeadLetterOptionsValidator : IValidateOptions<DeadLetterOptions>;
