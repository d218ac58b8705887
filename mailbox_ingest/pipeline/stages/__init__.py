"""The pipeline's stages, one module each; `pipeline/process.py` runs them in order."""
