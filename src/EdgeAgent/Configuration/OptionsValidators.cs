using Microsoft.Extensions.Options;

namespace Pontive.Iot.EdgeAgent.Configuration;

// Source-generated validators for the data annotations on each options class (checked at start, see AgentHost).

[OptionsValidator]
internal sealed partial class AgentOptionsValidator : IValidateOptions<AgentOptions>;

[OptionsValidator]
internal sealed partial class MqttOptionsValidator : IValidateOptions<MqttOptions>;
