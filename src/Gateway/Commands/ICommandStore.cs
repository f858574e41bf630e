namespace MeterGrains.Gateway.Commands;

/// <summary>Where commands and their status live, shared by every silo (API silos write, gateway silos publish and complete).</summary>
public interface ICommandStore
{
    /// <summary>A fresh JSON-RPC request id (Gen2), unique across the cluster.</summary>
    ValueTask<long> NextRpcIdAsync(CancellationToken cancellationToken);

    /// <summary>Adds a <c>pending</c> command with the message to publish and the key of its acknowledgement.</summary>
    ValueTask AddAsync(StoredCommand command, string replyKey, CancellationToken cancellationToken);

    /// <summary>The command, or null when none has the id.</summary>
    ValueTask<StoredCommand?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>The devices that have pending commands, at most <paramref name="limit"/> of them, those waiting longest first.</summary>
    ValueTask<IReadOnlyList<string>> PendingDevicesAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Marks up to <paramref name="limit"/> pending commands <c>sent</c> and returns them, each claimed by one caller only:
    /// only commands for <paramref name="deviceIds"/>, or for any device when it is null.
    /// </summary>
    ValueTask<IReadOnlyList<PendingCommand>> ClaimPendingAsync(int limit, IReadOnlyCollection<string>? deviceIds, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks <c>failed</c> the commands still <c>pending</c> that were created before <paramref name="createdBefore"/>; returns how many.</summary>
    ValueTask<int> FailUnclaimedAsync(DateTimeOffset createdBefore, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks a command <c>failed</c> with <paramref name="reason"/>.</summary>
    ValueTask FailAsync(string id, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Completes the <c>sent</c> commands awaiting <paramref name="reply"/>; returns how many.</summary>
    ValueTask<int> CompleteAsync(CommandReply reply, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks <c>failed</c> the <c>sent</c> commands of <paramref name="family"/> sent before <paramref name="sentBefore"/>; returns how many.</summary>
    ValueTask<int> ExpireAsync(string family, DateTimeOffset sentBefore, string reason, DateTimeOffset now, CancellationToken cancellationToken);
}
