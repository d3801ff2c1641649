"""Synthetic platform inventories for scale tests and duplicate-detection calibration."""

from ingest.synth.generator import SynthFile, SynthManifest, generate

__all__ = ["SynthFile", "SynthManifest", "generate"]
