"""WAV recordings (dictaphones, PC recorders) made compact: mono, 16 kHz, 16-bit PCM.

A voice needs no more (telephone quality is 8 kHz); CD-quality stereo is 5.5 times larger.
The result is still a WAV that every browser plays; no encoder has to ship with the app.
"""
from __future__ import annotations

import warnings
import wave
from pathlib import Path

with warnings.catch_warnings():  # deprecated from 3.11, present until 3.13; the project pins 3.11
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop

VOICE_RATE = 16_000


CHUNK_SECONDS = 5  # converted a few seconds at a time: memory stays small for any length


def compact_wav(path: Path) -> bool:
    """Rewrite the WAV at `path` as mono 16 kHz 16-bit; False if it already was that small."""
    with wave.open(str(path), "rb") as source:
        channels, width, rate = source.getnchannels(), source.getsampwidth(), source.getframerate()
        if channels == 1 and width <= 2 and rate <= VOICE_RATE:
            return False
        if channels > 2:
            raise ValueError("more than two channels")
        converted = path.with_name(path.name + ".voice")
        state = None
        try:
            with wave.open(str(converted), "wb") as target:
                target.setnchannels(1)
                target.setsampwidth(2)
                target.setframerate(min(rate, VOICE_RATE))
                while data := source.readframes(rate * CHUNK_SECONDS):
                    data, state = _to_voice(data, channels, width, rate, state)
                    target.writeframes(data)
            converted.replace(path)
        finally:
            converted.unlink(missing_ok=True)
    return True


def _to_voice(data: bytes, channels: int, width: int, rate: int, state):
    if width == 1:  # 8-bit WAV is unsigned: recentre before widening
        data = audioop.bias(data, 1, -128)
    if width != 2:
        data = audioop.lin2lin(data, width, 2)
    if channels == 2:
        data = audioop.tomono(data, 2, 0.5, 0.5)
    if rate > VOICE_RATE:
        data, state = audioop.ratecv(data, 2, 1, rate, VOICE_RATE, state)
    return data, state
