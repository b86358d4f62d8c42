using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Deposits;

namespace Pontive.Iot.EdgeAgent.Configuration;

// Source-generated validators for the data annotations on each options class (checked at start, see AgentHost).

[OptionsValidator]
internal sealed partial class AgentOptionsValidator : IValidateOptions<AgentOptions>;

[OptionsValidator]
internal sealed partial class MqttOptionsValidator : IValidateOptions<MqttOptions>;

[OptionsValidator]
internal sealed partial class OutboxOptionsValidator : IValidateOptions<OutboxOptions>;

[OptionsValidator]
internal sealed partial class ClockOptionsValidator : IValidateOptions<ClockOptions>;

[OptionsValidator]
internal sealed partial class SyntheticOperatorOptionsValidator : IValidateOptions<SyntheticOperatorOptions>;

[OptionsValidator]
internal sealed partial class KioskOptionsValidator : IValidateOptions<KioskOptions>;
