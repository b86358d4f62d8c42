using System.Device.Gpio;

namespace Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;

/// <summary>
/// What an input pin reads when nothing drives it. A Raspberry Pi powers up with BCM 0–8 pulled up and BCM 9–27
/// pulled down (BCM2835 peripherals, GPIO function table), and opening a pin as a plain input keeps that pull. So an
/// unplugged HX711 leaves DT (BCM 5) high, and an unplugged ultrasonic module leaves Echo (BCM 24) low.
/// </summary>
internal static class HeaderPulls
{
    public const int LastPinPulledUpAtReset = 8;

    public static PinValue UndrivenLevel(int pin, PinMode mode) => mode switch
    {
        PinMode.InputPullUp => PinValue.High,
        PinMode.InputPullDown => PinValue.Low,
        _ => pin <= LastPinPulledUpAtReset ? PinValue.High : PinValue.Low,
    };
}
