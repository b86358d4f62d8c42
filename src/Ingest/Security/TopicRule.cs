namespace Pontive.Iot.Ingest.Security;

/// <summary>What a rule lets an account do with the topics its pattern matches.</summary>
public enum TopicRight
{
    /// <summary>Subscribe and receive.</summary>
    Read,

    /// <summary>Publish.</summary>
    Write,
}

/// <summary>One line of an account's topic ACL: a right on an MQTT topic pattern (<c>+</c> and <c>#</c> as in subscriptions).</summary>
public sealed record TopicRule(TopicRight Right, string Pattern)
{
    /// <summary>True when a publish on <paramref name="topic"/> (no wildcards) falls under the pattern.</summary>
    public bool Matches(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return Covers(topic, allowWildcardsInTopic: false);
    }

    /// <summary>
    /// True when every topic <paramref name="filter"/> can match also matches the pattern: a subscription to it
    /// cannot bring in anything the rule does not grant (<c>+</c> in the pattern covers <c>+</c> in the filter; a
    /// literal covers only itself).
    /// </summary>
    public bool CoversFilter(string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Covers(filter, allowWildcardsInTopic: true);
    }

    private bool Covers(string topicOrFilter, bool allowWildcardsInTopic)
    {
        var pattern = Pattern.Split('/');
        var levels = topicOrFilter.Split('/');
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == "#")
            {
                return true;
            }

            if (i >= levels.Length)
            {
                return false;
            }

            var level = levels[i];
            if (!allowWildcardsInTopic && (level.Contains('+', StringComparison.Ordinal) || level.Contains('#', StringComparison.Ordinal)))
            {
                return false;
            }

            var matches = pattern[i] == "+" ? level != "#" : pattern[i] == level;
            if (!matches)
            {
                return false;
            }
        }

        return levels.Length == pattern.Length;
    }
}
