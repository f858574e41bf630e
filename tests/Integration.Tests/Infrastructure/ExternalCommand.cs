using System.Diagnostics;

namespace MeterGrains.Integration.Tests.Infrastructure;

/// <summary>Runs a program nobody here wrote (a script, mosquitto_pub) to the end, with a deadline.</summary>
internal static class ExternalCommand
{
    /// <summary>Runs <paramref name="fileName"/> and returns its standard output; a non-zero exit throws with its standard error.</summary>
    public static async Task<string> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var described = $"{fileName} {string.Join(' ', arguments)}";
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {described}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{described} did not finish within {timeout}.");
        }

        var output = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{described} exited with {process.ExitCode}:{Environment.NewLine}{await stderr}");
        }

        return output;
    }
}
