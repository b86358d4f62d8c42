using System.ComponentModel.DataAnnotations;
using Pontive.Iot.Contracts.Topics;

namespace Pontive.Iot.EdgeAgent.Configuration;

/// <summary>Who this device is and where it keeps its data: section <c>Agent</c>.</summary>
public sealed class AgentOptions
{
    public const string Section = "Agent";

    /// <summary>The site id, for example <c>bank-sungai-jawi</c> or <c>park-alun-kapuas</c>.</summary>
    [Required]
    [RegularExpression(Identifier.Rule, ErrorMessage = "Agent:Site must be lower-case letters, digits and '-', at most 32 characters (like bank-sungai-jawi).")]
    public string Site { get; set; } = string.Empty;

    /// <summary>The device id within the site, for example <c>scale-01</c>.</summary>
    [Required]
    [RegularExpression(Identifier.Rule, ErrorMessage = "Agent:Device must be lower-case letters, digits and '-', at most 32 characters (like scale-01).")]
    public string Device { get; set; } = string.Empty;

    /// <summary>Folder of the outbox database; on a Pi <c>/var/lib/pontive-agent</c>.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>How often the retained status (health, outbox figures) is refreshed.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromMinutes(1);
}
