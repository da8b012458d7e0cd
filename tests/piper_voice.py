"""A tiny Piper voice built with ``onnx.helper``: a sine per phoneme id, about 1 KB.

It has a real Piper voice's interface (``input`` int64 [1, T], ``input_lengths`` int64 [1],
``scales`` float32 [3], ``sid`` int64 [1] with several speakers; ``output`` float32 [1, 1, N]) and
a config for eSpeak's ``vi``, so it loads and speaks through piper-tts's public API. Each phoneme
id sounds for ``floor(HOP * length_scale)`` samples at ``BASE_HZ + STEP_HZ * id`` (plus
``SPEAKER_HZ * sid``): a sentence's length follows from its phoneme ids.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import onnx
from onnx import TensorProto, helper

RATE = 16_000
HOP = 256
BASE_HZ, STEP_HZ, SPEAKER_HZ = 100.0, 10.0, 50.0


def _constant(name: str, kind: int, value: float | list[int]) -> onnx.TensorProto:
    """A named scalar (or int64 vector) initializer."""
    if isinstance(value, list):
        return helper.make_tensor(name, kind, [len(value)], value)
    return helper.make_tensor(name, kind, [], [value])


def build_model(
    speakers: int = 1, output: str = "output", amplitude: float = 0.5, drop: str = ""
) -> onnx.ModelProto:
    """The sine-per-phoneme model; ``output``/``drop`` build wrong interfaces for error tests."""
    f, i64 = TensorProto.FLOAT, TensorProto.INT64
    nodes = [
        helper.make_node("Cast", ["input"], ["ids"], to=f),
        helper.make_node("Unsqueeze", ["ids", "last_axis"], ["ids3"]),  # [1, T, 1]
        helper.make_node("Mul", ["ids3", "step_hz"], ["rise"]),
        helper.make_node("Add", ["rise", "base_hz"], ["tone"]),
        helper.make_node("Gather", ["scales", "one"], ["length_scale"], axis=0),
        helper.make_node("Mul", ["length_scale", "hop"], ["span"]),
        helper.make_node("Floor", ["span"], ["whole"]),
        helper.make_node("Cast", ["whole"], ["count"], to=i64),
        helper.make_node("Range", ["zero", "count", "one"], ["k"]),
        helper.make_node("Cast", ["k"], ["kf"], to=f),
        helper.make_node("Mul", ["kf", "radians_per_sample"], ["t"]),  # [K]
        helper.make_node("Mul", ["freq", "t"], ["phase"]),  # [1, T, K]
        helper.make_node("Sin", ["phase"], ["wave"]),
        helper.make_node("Mul", ["wave", "amplitude"], ["loud"]),
        helper.make_node("Reshape", ["loud", "out_shape"], [output]),
    ]
    inputs = [
        helper.make_tensor_value_info("input", i64, [1, "T"]),
        helper.make_tensor_value_info("input_lengths", i64, [1]),
        helper.make_tensor_value_info("scales", f, [3]),
    ]
    if speakers > 1:
        inputs.append(helper.make_tensor_value_info("sid", i64, [1]))
        nodes[4:4] = [
            helper.make_node("Cast", ["sid"], ["sidf"], to=f),
            helper.make_node("Mul", ["sidf", "speaker_hz"], ["shift"]),
            helper.make_node("Add", ["tone", "shift"], ["freq"]),
        ]
    else:
        nodes.insert(4, helper.make_node("Identity", ["tone"], ["freq"]))
    inputs = [arg for arg in inputs if arg.name != drop]
    constants = [
        _constant("last_axis", i64, [2]),
        _constant("step_hz", f, STEP_HZ),
        _constant("base_hz", f, BASE_HZ),
        _constant("one", i64, 1),
        _constant("zero", i64, 0),
        _constant("hop", f, float(HOP)),
        _constant("radians_per_sample", f, 2 * math.pi / RATE),
        _constant("amplitude", f, amplitude),
        _constant("out_shape", i64, [1, 1, -1]),
    ]
    if speakers > 1:
        constants.append(_constant("speaker_hz", f, SPEAKER_HZ))
    outputs = [helper.make_tensor_value_info(output, f, [1, 1, "N"])]
    graph = helper.make_graph(nodes, "sine_per_phoneme", inputs, outputs, constants)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8  # what the onnxruntime wheels of piper-tts 1.8 read
    return model


def config(speakers: int = 1, language: str = "vi") -> dict[str, object]:
    """The voice's ``.onnx.json``: eSpeak ``vi``, Piper's default phoneme ids."""
    from piper.phoneme_ids import DEFAULT_PHONEME_ID_MAP

    return {
        "audio": {"sample_rate": RATE},
        "espeak": {"voice": language},
        "phoneme_type": "espeak",
        "num_symbols": 256,
        "num_speakers": speakers,
        "speaker_id_map": {chr(ord("a") + n): n for n in range(speakers)} if speakers > 1 else {},
        "inference": {"noise_scale": 0.667, "length_scale": 1.0, "noise_w": 0.8},
        "phoneme_id_map": DEFAULT_PHONEME_ID_MAP,
        "hop_length": HOP,
    }


def write_voice(
    directory: Path,
    name: str = "vi_VN-tiny-x_low",
    speakers: int = 1,
    language: str = "vi",
    **model_options: object,
) -> Path:
    """``<name>.onnx`` and ``<name>.onnx.json`` in ``directory``; the model's path."""
    directory.mkdir(parents=True, exist_ok=True)
    model = directory / f"{name}.onnx"
    onnx.save(build_model(speakers, **model_options), str(model))  # type: ignore[arg-type]
    Path(f"{model}.json").write_text(json.dumps(config(speakers, language)), encoding="utf-8")
    return model
