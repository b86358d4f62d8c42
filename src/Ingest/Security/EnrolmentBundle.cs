using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pontive.Iot.Ingest.Security;

/// <summary>
/// What a field technician takes to a device: a small JSON file in the agent's own configuration shape, with the
/// broker's address, the device's username and password, and the city CA's certificate. The agent reads it with
/// <c>Mqtt:Enrolment=/etc/pontive-agent/enrolment.json</c> (or it can be used as a configuration file as it is).
/// It holds a password: 0600, and delete the technician's copy once the device runs.
/// </summary>
public sealed record EnrolmentBundle(BrokerIdentity Device, string Password, string BrokerHost, int BrokerPort, string? CaCertificatePem)
{
    public bool UseTls => CaCertificatePem is not null;

    public string ToJson()
    {
        if (!Device.IsDevice)
        {
            throw new InvalidOperationException("An enrolment bundle is for a device.");
        }

        // Relaxed escaping keeps the PEM's '+' readable; the file is read by a JSON parser, never put into HTML.
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("Agent");
            json.WriteString("Site", Device.Site);
            json.WriteString(nameof(Device), Device.Device);
            json.WriteEndObject();
            json.WriteStartObject("Mqtt");
            json.WriteString("Host", BrokerHost);
            json.WriteNumber("Port", BrokerPort);
            json.WriteBoolean(nameof(UseTls), UseTls);
            json.WriteString("ClientId", Device.Username);
            json.WriteString("Username", Device.Username);
            json.WriteString(nameof(Password), Password);
            if (CaCertificatePem is not null)
            {
                json.WriteString("CaCertificate", CaCertificatePem);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
