namespace Pontive.Iot.Integration.Tests.Faults;

/// <summary>The assertions every fault test makes on its counts, with the counts in the message.</summary>
public static class FaultAssert
{
    public static void NothingLostOrDuplicated(DeliveryCount count)
    {
        ArgumentNullException.ThrowIfNull(count);
        Assert.True(count.Published > 0, $"Nothing was published, so nothing was tested: {count}");
        Assert.True(count.Lost == 0 && count.Duplicated == 0, $"Lost or duplicated: {count}");
    }

    /// <summary>Deposits are money: every one recorded is stored, once, and none is left waiting or refused.</summary>
    public static void EveryDepositStoredOnce(DeliveryCount deposits)
    {
        NothingLostOrDuplicated(deposits);
        Assert.True(deposits.Stored == deposits.Published && deposits.Waiting == 0 && deposits.Dropped == 0, $"Not every deposit was stored: {deposits}");
    }
}
