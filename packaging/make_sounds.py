"""The bundled notification sounds: short sine chimes written with the standard `wave` module.

    .venv/bin/python packaging/make_sounds.py   # writes operator_desktop/resources/sounds/*.wav

Made here rather than taken from elsewhere so their licence is the project's own. Mono 16-bit
PCM at 22 050 Hz (what every QSoundEffect backend plays), each under half a second, with a soft
attack and an exponential decay so that they do not click.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
PEAK = 0.45  # of full scale: notification sounds should not startle
TARGET = Path(__file__).resolve().parent.parent / "operator_desktop" / "resources" / "sounds"

# name -> notes: (start seconds, frequency Hz, length seconds)
SOUNDS: dict[str, list[tuple[float, float, float]]] = {
    "new-message": [(0.0, 880.0, 0.28)],
    "new-conversation": [(0.0, 659.3, 0.22), (0.12, 880.0, 0.30)],
    "mention": [(0.0, 987.8, 0.14), (0.09, 1318.5, 0.14), (0.18, 1568.0, 0.24)],
}


def render(notes: list[tuple[float, float, float]]) -> list[float]:
    length = max(start + duration for start, _freq, duration in notes)
    samples = [0.0] * int(length * RATE + 1)
    for start, freq, duration in notes:
        first = int(start * RATE)
        for i in range(int(duration * RATE)):
            t = i / RATE
            attack = min(1.0, t / 0.006)
            decay = math.exp(-t * 9.0) * (1.0 - t / duration)
            tone = math.sin(2 * math.pi * freq * t) + 0.25 * math.sin(4 * math.pi * freq * t)
            samples[first + i] += attack * decay * tone
    loudest = max(abs(s) for s in samples) or 1.0
    return [s / loudest * PEAK for s in samples]


def write(path: Path, samples: list[float]) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", round(s * 32767)) for s in samples))


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, notes in SOUNDS.items():
        write(TARGET / f"{name}.wav", render(notes))
        print(TARGET / f"{name}.wav")


if __name__ == "__main__":
    main()
