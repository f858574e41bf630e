using System.Globalization;
using Microsoft.Extensions.Logging;
using MQTTnet.Diagnostics.Logger;

namespace MeterGrains.Gateway.Mqtt;

/// <summary>Forwards MQTTnet's own log to <see cref="ILogger"/> (category <c>MeterGrains.Gateway.Mqtt.MqttNet</c>).</summary>
internal sealed class MqttNetLoggerAdapter(ILogger logger) : IMqttNetLogger
{
    // MQTTnet skips Publish entirely when this is false, so it must be true whenever warnings are wanted;
    // the per-level check in Publish filters its chatty Verbose/Info output.
    public bool IsEnabled => logger.IsEnabled(LogLevel.Warning);

    public void Publish(MqttNetLogLevel logLevel, string source, string message, object[] parameters, Exception exception)
    {
        var level = logLevel switch
        {
            MqttNetLogLevel.Verbose => LogLevel.Trace,
            MqttNetLogLevel.Info => LogLevel.Debug,
            MqttNetLogLevel.Warning => LogLevel.Warning,
            MqttNetLogLevel.Error => LogLevel.Error,
            _ => LogLevel.Debug,
        };

        if (!logger.IsEnabled(level))
        {
            return;
        }

        var text = parameters is { Length: > 0 } ? string.Format(CultureInfo.InvariantCulture, message, parameters) : message;
        logger.MqttNet(level, source, text, exception);
    }
}
