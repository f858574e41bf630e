using System.Diagnostics;

namespace MeterGrains.Integration.Tests.Infrastructure;

/// <summary>Runs a program nobody here wrote (a script, mosquitto_pub) to the end, with a deadline.</summary>
internal static class ExternalCommand
{
    /// <summary>Runs <paramref name="fileName"/> and returns its standard output; a non-zero exit throws with its standard error.</summary>
    public static async Task<string> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var (exitCode, output, error) = await RunToEndAsync(fileName, arguments, timeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {exitCode}:{Environment.NewLine}{error}");
        }

        return output;
    }

    /// <summary>Runs <paramref name="fileName"/> and returns its exit code, standard output and standard error, whatever the exit code.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunToEndAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
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

        return (process.ExitCode, await stdout, await stderr);
    }
}
