namespace MeterGrains.Simulator.Households;

/// <summary>What can go wrong with a reading, now and then.</summary>
internal enum AnomalyKind
{
    None,

    /// <summary>A short appliance surge of several kW for one reading (real: the registers count it).</summary>
    Spike,

    /// <summary>The device goes silent for a few readings; it keeps measuring, so its registers jump when it is back.</summary>
    Dropout,

    /// <summary>The registers restart at 0, as after a reboot that lost them or a <c>reset_totals</c>.</summary>
    RegisterReset,
}
