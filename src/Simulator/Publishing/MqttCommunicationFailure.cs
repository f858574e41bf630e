namespace MeterGrains.Simulator.Publishing;

/// <summary>The broker could not be reached or refused the simulator; the run cannot start.</summary>
internal sealed class MqttCommunicationFailure(string message) : Exception(message);
